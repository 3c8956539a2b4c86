// Procedure 1 — Accreditamento ente: the legal representative's request is protocolled in; an istruttore
// approves it, rejects it with reasons, or asks for an integration by a deadline (past which it lapses);
// on approval a dirigente signs the provvedimento, which is protocolled out, filed and sent by PEC, and
// the ente becomes active with the representative as its legal representative.
import { patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { HumanTasks } from './human-tasks';
import { setBusinessState } from './kit/business-state';
import { confirmsDraft, issueAct, prepareAct, type ActToIssue } from './kit/issue-act';
import { Istruttoria } from './kit/istruttoria';
import { Notices } from './kit/notices';
import { STEP_OPTIONS, Incidents } from './incidents';
import { ACCREDITAMENTO, GIORNI_ISTRUTTORIA, type AccreditamentoEsito, type AccreditamentoInput } from './shared/accreditamento';
import type { TaskCandidates } from './shared/actor';
import { message, protocolloCitato } from './shared/messages';
import type { StateOf } from './shared/procedure';
import { ACCREDITAMENTO_PROCEDURE } from './shared/procedures';

const raw = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', ...STEP_OPTIONS });

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
  const kit = { acts, notices, enteId: input.enteId };
  // One outgoing registration per request, whichever act it is: the key predates issueAct's own.
  const protocolloUscitaKey = `${workflowId}/protocollo-uscita`;
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

  const istruttoria = new Istruttoria({ tasks, notices }, {
    review: (round) => ({
      titolo: `Istruttoria accreditamento: ${input.denominazione}`,
      procedura: ACCREDITAMENTO,
      enteId: input.enteId,
      candidates: regione('ISTRUTTORE'),
      dueAt: new Date(Date.now() + (input.giorniIstruttoria ?? GIORNI_ISTRUTTORIA) * DAY_MS).toISOString(),
      formKey: 'istruttoria-accreditamento',
      data: { ...datiRichiesta, round },
    }),
    integration: {
      pec: input.pec,
      dayMs: DAY_MS,
      requested: async (review, scadenza) => {
        await acts.markAccreditation({ requestId: input.requestId, stato: 'INTEGRAZIONE_RICHIESTA', integrazioneRichiesta: review.decision.richiesta, integrazioneScadenza: scadenza, actorId: review.actor.userId });
        setStato('INTEGRAZIONE_RICHIESTA');
      },
      message: (review, scadenza) => message('accreditamento-integrazione', { denominazione: input.denominazione, scadenza, richiesta: review.decision.richiesta! }),
      task: (review) => ({
        titolo: `Integrazione richiesta: accreditamento ${input.denominazione}`,
        procedura: ACCREDITAMENTO,
        enteId: input.enteId,
        candidates: { candidateEnteId: input.enteId, candidateRole: 'RAPPRESENTANTE_LEGALE', candidateArea: null },
        assigneeId: input.richiedenteId,
        formKey: 'integrazione-accreditamento',
        data: { ...datiRichiesta, richiesta: review.decision.richiesta! },
      }),
      received: async (answer) => {
        await acts.recordIntegration({ requestId: input.requestId, risposta: answer.decision.risposta, attoNominaDocumentId: answer.decision.attoNominaDocumentId, actorId: answer.actor.userId });
        setStato('PROTOCOLLATA');
      },
      lapsed: async () => {
        await acts.markAccreditation({ requestId: input.requestId, stato: 'DECADUTA' });
        setStato('DECADUTA');
      },
      lapseMessage: (scadenza) => message('accreditamento-decadenza', { denominazione: input.denominazione, protocollo: protocolloCitato(entrata), scadenza }),
    },
  });

  for (;;) {
    const outcome = await istruttoria.decide();
    if (outcome.esito === 'DECADUTA') return { esito: 'DECADUTA', protocolloEntrata: entrata.number };
    const { review, round } = outcome;
    const decision = review.decision;

    if (decision.esito === 'RESPINGI') {
      const rigetto = await issueAct(kit, {
        key: 'rigetto',
        template: 'rigetto-accreditamento',
        data: { ...datiRichiesta, motivazione: decision.motivazione },
        titolo: `Rigetto della richiesta di accreditamento – ${input.denominazione}`,
        tipo: 'RIGETTO_ACCREDITAMENTO',
        protocollo: { oggetto: `Rigetto della richiesta di accreditamento – ${input.denominazione}`, corrispondente: input.denominazione, idempotencyKey: protocolloUscitaKey },
        pec: { to: input.pec, message: (uscita) => message('accreditamento-rigetto', { denominazione: input.denominazione, protocollo: protocolloCitato(uscita), motivazione: decision.motivazione! }) },
      }, async ({ documento, protocollo }) => {
        await acts.markAccreditation({ requestId: input.requestId, stato: 'RESPINTA', motivazione: decision.motivazione, protocolloUscitaId: protocollo.id, provvedimentoDocumentId: documento.documentId, actorId: review.actor.userId });
        setStato('RESPINTA');
      });
      await tasks.settled();
      return { esito: 'RESPINTA', protocolloEntrata: entrata.number, protocolloUscita: rigetto.protocollo.number };
    }

    await acts.markAccreditation({ requestId: input.requestId, stato: 'IN_FIRMA', actorId: review.actor.userId });
    setStato('IN_FIRMA');
    const atto = (dirigente?: string): ActToIssue => ({
      key: 'provvedimento',
      template: 'provvedimento-accreditamento',
      data: { ...datiRichiesta, istruttore: review.actor.nomeCompleto, ...(dirigente ? { dirigente } : {}) },
      titolo: `Provvedimento di accreditamento – ${input.denominazione}`,
      tipo: 'PROVVEDIMENTO_ACCREDITAMENTO',
      protocollo: { oggetto: `Provvedimento di accreditamento – ${input.denominazione}`, corrispondente: input.denominazione, idempotencyKey: protocolloUscitaKey },
      pec: { to: input.pec, message: (uscita) => message('accreditamento-provvedimento', { denominazione: input.denominazione, protocollo: protocolloCitato(uscita) }) },
    });
    // The dirigente reads the very act they sign: it is prepared before their task (without their name,
    // which the signature's certificate carries) and its Impronta confirmed in the decision. Procedures
    // started before this asked for the signature first and rendered the act after.
    const draft = patched('atto-letto-prima-della-firma') ? await prepareAct(kit, atto(), String(round)) : undefined;
    const firma = await tasks.ask({
      taskKey: `firma-${round}`,
      titolo: `Firma provvedimento di accreditamento: ${input.denominazione}`,
      procedura: ACCREDITAMENTO,
      enteId: input.enteId,
      candidates: regione('DIRIGENTE'),
      formKey: 'firma-provvedimento',
      data: { ...datiRichiesta, istruttore: review.actor.nomeCompleto, ...(draft ? { atto: draft } : {}) },
    }, confirmsDraft(draft, 'il provvedimento'));
    if (firma.decision.esito === 'RINVIA') {
      await acts.markAccreditation({ requestId: input.requestId, stato: 'PROTOCOLLATA', actorId: firma.actor.userId });
      setStato('PROTOCOLLATA');
      continue;
    }

    const provvedimento = await issueAct(kit, {
      ...atto(draft ? undefined : firma.actor.nomeCompleto),
      signerUserId: firma.actor.userId,
      ...(draft ? { draft } : {}),
    }, async ({ documento, protocollo }) => {
      await acts.markAccreditation({ requestId: input.requestId, stato: 'IN_FIRMA', protocolloUscitaId: protocollo.id, provvedimentoDocumentId: documento.documentId, actorId: firma.actor.userId });
    });
    await acts.activateEnte({ requestId: input.requestId, actorId: firma.actor.userId });
    setStato('ACCREDITATA');
    await tasks.settled();
    return { esito: 'ACCREDITATA', protocolloEntrata: entrata.number, protocolloUscita: provvedimento.protocollo.number };
  }
}
