// Procedure 1 — Accreditamento ente: the legal representative's request is protocolled in; an istruttore
// approves it, rejects it with reasons, or asks for an integration by a deadline (past which it lapses);
// on approval a dirigente signs the provvedimento, which is protocolled out, filed and sent by PEC, and
// the ente becomes active with the representative as its legal representative.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { HumanTasks } from './human-tasks';
import { setBusinessState } from './kit/business-state';
import { Notices } from './kit/notices';
import { ACTIVITY_RETRY, Incidents } from './incidents';
import { ACCREDITAMENTO, type AccreditamentoEsito, type AccreditamentoInput } from './shared/accreditamento';
import type { TaskCandidates } from './shared/actor';
import { message, protocolloCitato } from './shared/messages';
import type { StateOf } from './shared/procedure';
import { ACCREDITAMENTO_PROCEDURE } from './shared/procedures';

const raw = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', retry: ACTIVITY_RETRY });

const REAL_DAY_MS = 24 * 60 * 60 * 1000;

export interface AccreditamentoResult {
  esito: AccreditamentoEsito;
  protocolloEntrata: number;
  protocolloUscita?: number;
}

export async function accreditamentoEnte(input: AccreditamentoInput): Promise<AccreditamentoResult> {
  const { workflowId } = workflowInfo();
  const DAY_MS = input.durataGiornoMs ?? REAL_DAY_MS;
  const incidents = new Incidents({ enteId: input.enteId, regioneEnteId: input.regioneEnteId });
  const tasks = new HumanTasks(incidents);
  const acts = incidents.guard(raw);
  const notices = new Notices({ incidents, enteId: input.enteId });
  const regione = (role: 'ISTRUTTORE' | 'DIRIGENTE'): TaskCandidates => ({ candidateEnteId: input.regioneEnteId, candidateRole: role, candidateArea: null });
  const setStato = (stato: StateOf<typeof ACCREDITAMENTO_PROCEDURE>) => setBusinessState(ACCREDITAMENTO_PROCEDURE, stato);

  const entrata = await acts.registerProtocol({
    idempotencyKey: `${workflowId}/protocollo-entrata`,
    direction: 'ENTRATA',
    oggetto: `Richiesta di accreditamento – ${input.denominazione}`,
    corrispondente: input.denominazione,
    workflowId,
    documenti: { primario: input.attoNomina, allegati: [] },
  });
  await acts.markAccreditation({ requestId: input.requestId, stato: 'PROTOCOLLATA', protocolloEntrataId: entrata.id });
  setStato('PROTOCOLLATA');
  const datiRichiesta = {
    requestId: input.requestId,
    denominazione: input.denominazione,
    codiceFiscale: input.codiceFiscale,
    pec: input.pec,
    sede: input.sede,
    rappresentante: input.rappresentante,
    protocollo: { numero: entrata.number, anno: entrata.year, data: entrata.registeredAt },
  };

  for (let round = 1; ; round++) {
    const review = await tasks.ask({
      taskKey: `istruttoria-${round}`,
      titolo: `Istruttoria accreditamento: ${input.denominazione}`,
      procedura: ACCREDITAMENTO,
      enteId: input.enteId,
      candidates: regione('ISTRUTTORE'),
      dueAt: new Date(Date.now() + input.giorniIstruttoria * DAY_MS).toISOString(),
      formKey: 'istruttoria-accreditamento',
      data: { ...datiRichiesta, round },
    });
    const decision = review.decision;

    if (decision.esito === 'INTEGRAZIONE') {
      const scadenza = Date.now() + decision.giorniIntegrazione! * DAY_MS;
      await acts.markAccreditation({
        requestId: input.requestId,
        stato: 'INTEGRAZIONE_RICHIESTA',
        integrazioneRichiesta: decision.richiesta,
        integrazioneScadenza: new Date(scadenza).toISOString(),
        actorId: review.actor.userId,
      });
      setStato('INTEGRAZIONE_RICHIESTA');
      const scadenzaIso = new Date(scadenza).toISOString();
      await notices.send(`integrazione-${round}`, input.pec, message('accreditamento-integrazione', { denominazione: input.denominazione, scadenza: scadenzaIso, richiesta: decision.richiesta! }));
      const answer = await tasks.askUntil({
        taskKey: `integrazione-${round}`,
        titolo: `Integrazione richiesta: accreditamento ${input.denominazione}`,
        procedura: ACCREDITAMENTO,
        enteId: input.enteId,
        candidates: { candidateEnteId: input.enteId, candidateRole: 'RAPPRESENTANTE_LEGALE', candidateArea: null },
        assigneeId: input.richiedenteId,
        dueAt: new Date(scadenza).toISOString(),
        formKey: 'integrazione-accreditamento',
        data: { ...datiRichiesta, richiesta: decision.richiesta },
      }, scadenza);
      if (!answer) {
        await acts.markAccreditation({ requestId: input.requestId, stato: 'DECADUTA' });
        setStato('DECADUTA');
        await tasks.settled();
        await notices.send('decadenza', input.pec, message('accreditamento-decadenza', { denominazione: input.denominazione, protocollo: protocolloCitato(entrata), scadenza: scadenzaIso }));
        return { esito: 'DECADUTA', protocolloEntrata: entrata.number };
      }
      await acts.recordIntegration({ requestId: input.requestId, risposta: answer.decision.risposta, attoNominaDocumentId: answer.decision.attoNominaDocumentId, actorId: answer.actor.userId });
      setStato('PROTOCOLLATA');
      continue;
    }

    if (decision.esito === 'RESPINGI') {
      const rigetto = await acts.produceAct({
        idempotencyKey: `${workflowId}/rigetto`,
        template: 'rigetto-accreditamento',
        data: { ...datiRichiesta, motivazione: decision.motivazione },
        titolo: `Rigetto della richiesta di accreditamento – ${input.denominazione}`,
        tipo: 'RIGETTO_ACCREDITAMENTO',
        workflowId,
        enteId: input.enteId,
      });
      const uscita = await acts.registerProtocol({
        idempotencyKey: `${workflowId}/protocollo-uscita`,
        direction: 'USCITA',
        oggetto: `Rigetto della richiesta di accreditamento – ${input.denominazione}`,
        corrispondente: input.denominazione,
        workflowId,
        documenti: { primario: rigetto, allegati: [] },
      });
      await acts.markAccreditation({ requestId: input.requestId, stato: 'RESPINTA', motivazione: decision.motivazione, protocolloUscitaId: uscita.id, provvedimentoDocumentId: rigetto.documentId, actorId: review.actor.userId });
      setStato('RESPINTA');
      await notices.send('rigetto', input.pec, message('accreditamento-rigetto', { denominazione: input.denominazione, protocollo: protocolloCitato(uscita), motivazione: decision.motivazione! }), [rigetto.documentId]);
      await tasks.settled();
      return { esito: 'RESPINTA', protocolloEntrata: entrata.number, protocolloUscita: uscita.number };
    }

    await acts.markAccreditation({ requestId: input.requestId, stato: 'IN_FIRMA', actorId: review.actor.userId });
    setStato('IN_FIRMA');
    const firma = await tasks.ask({
      taskKey: `firma-${round}`,
      titolo: `Firma provvedimento di accreditamento: ${input.denominazione}`,
      procedura: ACCREDITAMENTO,
      enteId: input.enteId,
      candidates: regione('DIRIGENTE'),
      formKey: 'firma-provvedimento',
      data: { ...datiRichiesta, istruttore: review.actor.nomeCompleto },
    });
    if (firma.decision.esito === 'RINVIA') {
      await acts.markAccreditation({ requestId: input.requestId, stato: 'PROTOCOLLATA', actorId: firma.actor.userId });
      setStato('PROTOCOLLATA');
      continue;
    }

    const provvedimento = await acts.produceAct({
      idempotencyKey: `${workflowId}/provvedimento`,
      template: 'provvedimento-accreditamento',
      data: { ...datiRichiesta, dirigente: firma.actor.nomeCompleto, istruttore: review.actor.nomeCompleto },
      titolo: `Provvedimento di accreditamento – ${input.denominazione}`,
      tipo: 'PROVVEDIMENTO_ACCREDITAMENTO',
      workflowId,
      enteId: input.enteId,
      signerUserId: firma.actor.userId,
    });
    const uscita = await acts.registerProtocol({
      idempotencyKey: `${workflowId}/protocollo-uscita`,
      direction: 'USCITA',
      oggetto: `Provvedimento di accreditamento – ${input.denominazione}`,
      corrispondente: input.denominazione,
      workflowId,
      documenti: { primario: provvedimento, allegati: [] },
    });
    await acts.markAccreditation({ requestId: input.requestId, stato: 'IN_FIRMA', protocolloUscitaId: uscita.id, provvedimentoDocumentId: provvedimento.documentId, actorId: firma.actor.userId });
    await notices.send('provvedimento', input.pec, message('accreditamento-provvedimento', { denominazione: input.denominazione, protocollo: protocolloCitato(uscita) }), [provvedimento.documentId]);
    await acts.activateEnte({ requestId: input.requestId, actorId: firma.actor.userId });
    setStato('ACCREDITATA');
    await tasks.settled();
    return { esito: 'ACCREDITATA', protocolloEntrata: entrata.number, protocolloUscita: uscita.number };
  }
}
