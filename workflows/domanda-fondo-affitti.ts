// A Comune's application to a call of the rent-support fund, started by the call for every Comune it reaches:
// the Comune's FONDO_AFFITTI referenti submit it within the window (a late one is refused, naming the date;
// the window may be extended by the call); it is filed as a document, protocolled in with its attachments,
// and a receipt goes back by PEC. Then the kit's istruttoria (admit, exclude with reasons, or ask for an
// integration by a deadline); the call hears the outcome and, once the riparto is signed, tells the Comune
// its share, which the Comune hears by PEC with the riparto act. A share below the need asks the Comune to
// publish its revised ranking; once the Region records the liquidation, the Comune reports what it paid
// within the call's days, and the Region reviews the report (./domanda-fondo-affitti-rendicontazione.ts).
import { getExternalWorkflowHandle, proxyActivities, setHandler, workflowInfo, condition } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { publishAndReport } from './domanda-fondo-affitti-rendicontazione';
import { HumanTasks } from './human-tasks';
import { STEP_OPTIONS, Incidents } from './incidents';
import { setBusinessState } from './kit/business-state';
import { Istruttoria } from './kit/istruttoria';
import { Notices } from './kit/notices';
import { fileReceipt } from './kit/receipt';
import type { TaskCandidates } from './shared/actor';
import { FASCE } from './shared/fondo-affitti/bando';
import {
  controllaDomanda,
  DOMANDA_FONDO,
  esitoDomandaSignal,
  fabbisognoDomanda,
  GIORNI_ISTRUTTORIA_DOMANDA,
  liquidazioneSignal,
  quotaAssegnataSignal,
  rendicontazioneSignal,
  scadenzaDomandaSignal,
  type DomandaFondoInput,
  type EsitoDomanda,
  type Liquidazione,
  type QuotaAssegnata,
} from './shared/fondo-affitti/procedura';
import { message, protocolloCitato } from './shared/messages';
import { centsOf, decimalOf } from './shared/money';
import { formatPercentuale } from './shared/percent';
import type { StateOf } from './shared/procedure';
import { DOMANDA_FONDO_PROCEDURE } from './shared/procedures';

const raw = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', ...STEP_OPTIONS });

const REAL_DAY_MS = 24 * 60 * 60 * 1000;

export async function domandaFondoAffitti(input: DomandaFondoInput): Promise<{ esito: EsitoDomanda }> {
  const { workflowId, parent } = workflowInfo();
  const DAY_MS = input.durataGiornoMs ?? REAL_DAY_MS;
  const incidents = new Incidents({ enteId: input.enteId, regioneEnteId: input.regioneEnteId });
  const tasks = new HumanTasks(incidents);
  const acts = incidents.guard(raw);
  const notices = new Notices({ incidents, enteId: input.enteId });
  const setStato = (stato: StateOf<typeof DOMANDA_FONDO_PROCEDURE>) => setBusinessState(DOMANDA_FONDO_PROCEDURE, stato);
  const referenti: TaskCandidates = { candidateEnteId: input.enteId, candidateRole: 'REFERENTE', candidateArea: 'FONDO_AFFITTI' };
  const istruttori: TaskCandidates = { candidateEnteId: input.regioneEnteId, candidateRole: 'ISTRUTTORE', candidateArea: 'FONDO_AFFITTI' };
  const about = { bandoId: input.bandoId, titoloBando: input.titoloBando, domandaId: input.domandaId, ente: input.enteDenominazione };
  let scadenza = input.scadenza;
  let quota: QuotaAssegnata | null = null;

  // The call moves the window's end (an extension); the Comune's task follows.
  setHandler(scadenzaDomandaSignal, async (signal) => {
    scadenza = signal.scadenza;
    await tasks.reschedule('domanda', scadenza);
  });
  setHandler(quotaAssegnataSignal, (assigned) => {
    quota = assigned;
  });
  let liquidazione: Liquidazione | null = null;
  setHandler(liquidazioneSignal, (pagata) => {
    liquidazione = pagata;
  });
  // The call waits for every application's outcome before its riparto.
  const tellCall = async (esito: EsitoDomanda) => {
    if (parent) await getExternalWorkflowHandle(parent.workflowId).signal(esitoDomandaSignal, { enteId: input.enteId, esito });
  };
  const end = async (esito: EsitoDomanda) => {
    await tasks.settled();
    await tellCall(esito);
    return { esito };
  };
  setStato('DA_PRESENTARE');

  const presentata = await tasks.askUntil({
    taskKey: 'domanda',
    titolo: `Domanda: ${input.titoloBando}`,
    procedura: DOMANDA_FONDO,
    enteId: input.enteId,
    candidates: referenti,
    dueAt: scadenza,
    formKey: 'domanda-fondo-affitti',
    data: { ...about, apertura: input.apertura, scadenza, fasce: input.fasce },
  }, () => Date.parse(scadenza), (domanda) => controllaDomanda(domanda, { fasce: input.fasce, apertura: input.apertura, scadenza }, Date.now()));
  if (!presentata) {
    await acts.statoDomanda({ domandaId: input.domandaId, stato: 'NON_PRESENTATA' });
    setStato('NON_PRESENTATA');
    return end('NON_PRESENTATA');
  }

  const { decision: domanda, actor } = presentata;
  await acts.registraDomanda({ domandaId: input.domandaId, domanda, actorId: actor.userId });
  setStato('PRESENTATA');
  const fabbisogno = decimalOf(fabbisognoDomanda(domanda));
  const allegati = await acts.documentiDomanda({
    documentIds: [domanda.bandoComunaleDocumentId, domanda.graduatoriaDocumentId, ...(domanda.beneficiariDocumentId ? [domanda.beneficiariDocumentId] : [])],
  });
  const oggetto = `${input.titoloBando} – domanda del ${input.enteDenominazione}`;
  const documento = await acts.produceAct({
    idempotencyKey: `${workflowId}/domanda`,
    template: 'domanda-fondo-affitti',
    data: {
      titoloBando: input.titoloBando,
      ente: input.enteDenominazione,
      presentataDa: actor.nomeCompleto,
      presentataIl: new Date().toISOString(),
      fasce: FASCE.map((fascia) => ({ fascia, ...domanda.fasce[fascia] })),
      fabbisognoTotale: fabbisogno,
      cofinanziamento: domanda.cofinanziamento,
      attoCofinanziamento: domanda.attoCofinanziamento,
      allegati,
    },
    titolo: oggetto,
    tipo: 'DOMANDA_FONDO_AFFITTI',
    workflowId,
    enteId: input.enteId,
  });
  const entrata = await acts.registerProtocol({
    idempotencyKey: `${workflowId}/protocollo`,
    direction: 'ENTRATA',
    oggetto,
    corrispondente: input.enteDenominazione,
    workflowId,
    documenti: { primario: documento, allegati },
  });
  const ricevuta = await fileReceipt(acts, {
    registration: entrata, oggetto, mittente: input.enteDenominazione, inviatoDa: actor.nomeCompleto, documenti: [documento, ...allegati], enteId: input.enteId,
  });
  await acts.statoDomanda({ domandaId: input.domandaId, stato: 'PRESENTATA', protocolloId: entrata.id, ricevutaDocumentId: ricevuta.documentId });
  const protocollo = protocolloCitato(entrata);
  const pec = input.entePec ?? '';
  const valori = { denominazione: input.enteDenominazione, titoloBando: input.titoloBando };
  if (input.entePec) await notices.send('ricevuta', input.entePec, message('fondo-ricevuta', { ...valori, protocollo, fabbisogno }), [ricevuta.documentId]);

  const istruttoria = new Istruttoria({ tasks, notices }, {
    review: (round) => ({
      titolo: `Istruttoria della domanda: ${input.enteDenominazione}`,
      procedura: DOMANDA_FONDO,
      enteId: input.enteId,
      candidates: istruttori,
      dueAt: new Date(Date.now() + GIORNI_ISTRUTTORIA_DOMANDA * DAY_MS).toISOString(),
      formKey: 'istruttoria-domanda-fondo',
      data: { ...about, round, protocollo: { numero: entrata.number, anno: entrata.year, data: entrata.registeredAt }, fabbisogno, cofinanziamento: domanda.cofinanziamento },
    }),
    integration: {
      pec,
      dayMs: DAY_MS,
      requested: async (review, integrazioneScadenza) => {
        await acts.statoDomanda({ domandaId: input.domandaId, stato: 'INTEGRAZIONE_RICHIESTA', integrazioneRichiesta: review.decision.richiesta, integrazioneScadenza, actorId: review.actor.userId });
        setStato('INTEGRAZIONE_RICHIESTA');
      },
      message: (review, integrazioneScadenza) => message('fondo-integrazione', { ...valori, scadenza: integrazioneScadenza, richiesta: review.decision.richiesta! }),
      task: (review) => ({
        titolo: `Integrazione richiesta: ${input.titoloBando}`,
        procedura: DOMANDA_FONDO,
        enteId: input.enteId,
        candidates: referenti,
        formKey: 'integrazione-domanda-fondo',
        data: { ...about, richiesta: review.decision.richiesta! },
      }),
      received: async (answer) => {
        await acts.statoDomanda({ domandaId: input.domandaId, stato: 'PRESENTATA', risposta: answer.decision.risposta, actorId: answer.actor.userId });
        setStato('PRESENTATA');
      },
      lapsed: async () => {
        await acts.statoDomanda({ domandaId: input.domandaId, stato: 'DECADUTA' });
        setStato('DECADUTA');
      },
      lapseMessage: (integrazioneScadenza) => message('fondo-decadenza', { ...valori, protocollo, scadenza: integrazioneScadenza }),
    },
  });
  const outcome = await istruttoria.decide();
  if (outcome.esito === 'DECADUTA') return end('DECADUTA');
  if (outcome.esito === 'RESPINGI') {
    const motivazione = outcome.review.decision.motivazione!;
    await acts.statoDomanda({ domandaId: input.domandaId, stato: 'ESCLUSA', motivazione, actorId: outcome.review.actor.userId });
    setStato('ESCLUSA');
    await notices.send('esclusione', pec, message('fondo-esclusione', { ...valori, protocollo, motivazione }));
    return end('ESCLUSA');
  }
  await acts.statoDomanda({ domandaId: input.domandaId, stato: 'AMMESSA', actorId: outcome.review.actor.userId });
  setStato('AMMESSA');
  await tellCall('AMMESSA');

  // The riparto signed, the call tells this Comune its share.
  await condition(() => quota !== null);
  const assigned = quota!;
  const need = centsOf(assigned.fabbisogno);
  const share = centsOf(assigned.quota);
  const coverage = need > 0 ? share / need : 1;
  const copertura = formatPercentuale(coverage);
  await notices.send('quota', pec, message('fondo-quota', { ...valori, protocollo: assigned.protocollo, quota: assigned.quota, fabbisogno: assigned.fabbisogno, copertura, scoperto: share < need }), [assigned.attoDocumentId]);
  await acts.statoRendicontazione({ domandaId: input.domandaId, stato: 'QUOTA_ASSEGNATA' });
  setStato('QUOTA_ASSEGNATA');
  if (share === 0) {
    await tasks.settled();
    return { esito: 'AMMESSA' };
  }

  const rendicontata = await publishAndReport({
    input, dayMs: DAY_MS, tasks, acts, notices, setStato, referenti, istruttori, about, valori, pec,
    cofinanziamento: domanda.cofinanziamento, assigned, coverage, copertura, scoperto: share < need,
    liquidazione: () => liquidazione,
  });
  await tasks.settled();
  if (parent) await getExternalWorkflowHandle(parent.workflowId).signal(rendicontazioneSignal, { enteId: input.enteId, esito: rendicontata });
  return { esito: 'AMMESSA' };
}
