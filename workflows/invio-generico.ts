// Procedure 6 — Invio generico: an ente sends the Region a communication; it is protocolled in, an
// istruttore takes it in charge (or declares it not of the Region's competence), the ente sees both.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { HumanTasks } from './human-tasks';
import { setBusinessState } from './kit/business-state';
import { STEP_OPTIONS, Incidents } from './incidents';
import { GIORNI_PRESA_IN_CARICO, INVIO_GENERICO, type InvioGenericoInput, type InvioGenericoResult } from './shared/invio-generico';
import { INVIO_GENERICO_PROCEDURE } from './shared/procedures';

const raw = proxyActivities<Activities>({ startToCloseTimeout: '1 minute', ...STEP_OPTIONS });

const DAY_MS = 24 * 60 * 60 * 1000;

export async function invioGenerico(input: InvioGenericoInput): Promise<InvioGenericoResult> {
  const incidents = new Incidents({ enteId: input.enteId, regioneEnteId: input.regioneEnteId });
  const tasks = new HumanTasks(incidents);
  const acts = incidents.guard(raw);
  const { workflowId } = workflowInfo();

  const registration = await acts.registerProtocol({
    idempotencyKey: `${workflowId}/protocollo-entrata`,
    direction: 'ENTRATA',
    oggetto: input.oggetto,
    corrispondente: input.enteDenominazione,
    workflowId,
    documenti: input.documenti,
  });
  await acts.markCommunicationProtocolled({ communicationId: input.communicationId, registration });
  setBusinessState(INVIO_GENERICO_PROCEDURE, 'PROTOCOLLATA');

  const { decision, actor } = await tasks.ask({
    taskKey: 'presa-in-carico',
    titolo: `Presa in carico: ${input.oggetto}`,
    procedura: INVIO_GENERICO,
    enteId: input.enteId,
    candidates: { candidateEnteId: input.regioneEnteId, candidateRole: 'ISTRUTTORE', candidateArea: null },
    dueAt: new Date(Date.now() + (input.giorniPresaInCarico ?? GIORNI_PRESA_IN_CARICO) * DAY_MS).toISOString(),
    formKey: 'presa-in-carico',
    data: {
      communicationId: input.communicationId,
      mittente: input.enteDenominazione,
      oggetto: input.oggetto,
      testo: input.testo,
      protocollo: { numero: registration.number, anno: registration.year, data: registration.registeredAt },
    },
  });

  await acts.recordCommunicationOutcome({
    communicationId: input.communicationId,
    esito: decision.esito,
    note: decision.note,
    actorId: actor.userId,
  });
  setBusinessState(INVIO_GENERICO_PROCEDURE, decision.esito);
  await tasks.settled();
  return { protocollo: { numero: registration.number, anno: registration.year }, esito: decision.esito };
}
