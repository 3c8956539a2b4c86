// The Region's call of the rent-support fund (L. 431/1998 art. 11), or of Morosità incolpevole, end to end
// on the kit: an istruttore sends the draft to signature; the dirigente reads and signs the call act (or sends
// it back), which is protocolled out; the campaign starts every reached Comune's application with the act by
// PEC and a task, reminds those that have not applied, and follows an extension; past the deadline the call
// waits for every application's istruttoria, computes the riparto, the istruttore proposes it, the dirigente
// signs the riparto act with its table, and each admitted Comune hears its share. Then the Region records
// its liquidation acts, each paying a group of Comuni, and the call ends once every paid Comune's
// rendicontazione is approved (or lapsed).
import { allHandlersFinished, condition, getExternalWorkflowHandle, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { BandoLetto } from '../activities/fondo-affitti/fondo-activities';
import { domandaFondoAffitti } from './domanda-fondo-affitti';
import { HumanTasks } from './human-tasks';
import { STEP_OPTIONS, Incidents } from './incidents';
import { setBusinessState } from './kit/business-state';
import { Campaign } from './kit/campaign';
import { confirmsDraft, issueAct, prepareAct, type ActToIssue, type IssuedAct } from './kit/issue-act';
import { Notices } from './kit/notices';
import type { Actor, TaskCandidates } from './shared/actor';
import { dataItaliana } from './shared/dates';
import { FASCE, TIPI_BANDO } from './shared/fondo-affitti/bando';
import {
  BANDO_FONDO,
  controllaLiquidazione,
  domandaFondoWorkflowId,
  esitoDomandaSignal,
  GIORNI_RENDICONTAZIONE,
  inviaAllaFirmaUpdate,
  liquidazioneSignal,
  prorogaBandoUpdate,
  QUOTA_SPESA_RENDICONTATA,
  quotaAssegnataSignal,
  registraLiquidazioneUpdate,
  rendicontazioneSignal,
  runsCalls,
  scadenzaDomandaSignal,
  statoBandoQuery,
  type BandoFondoInput,
  type DomandaFondoInput,
  type EsitoDomanda,
} from './shared/fondo-affitti/procedura';
import { protocolloCitato } from './shared/messages';
import { centsOf, decimalOf, formatEuro } from './shared/money';
import { formatQuota } from './shared/percent';
import type { StateOf } from './shared/procedure';
import { BANDO_FONDO_PROCEDURE, DOMANDA_FONDO_PROCEDURE } from './shared/procedures';
import { refuse, TASK_FAILURE } from './shared/tasks';

// The Update handlers' activities answer whoever sent the Update; the call's own go through incidents.
const raw = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', ...STEP_OPTIONS });

// A round of PEC to 257 Comuni takes a while: it heartbeats, and a retry skips those already sent.
const pecRounds = proxyActivities<Activities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', maximumInterval: '5 minutes', maximumAttempts: 10 },
});

const REAL_DAY_MS = 24 * 60 * 60 * 1000;

/** The call act as the dirigente reads it, from the draft as saved. */
function attoBando(bando: BandoLetto, istruttore: string): ActToIssue {
  const sum = (quota?: 'ORDINARIA' | 'PREMIALE') => decimalOf(bando.fonti.filter((fonte) => !quota || fonte.quota === quota).reduce((total, fonte) => total + centsOf(fonte.importo), 0));
  const tipoLabel = bando.tipo === 'FONDO_AFFITTI' ? 'Fondo nazionale per il sostegno all’accesso alle abitazioni in locazione' : 'Fondo per gli inquilini morosi incolpevoli';
  return {
    key: 'atto-bando',
    template: 'bando-fondo-affitti',
    data: {
      titolo: bando.titolo,
      tipoLabel,
      anno: bando.anno,
      apertura: bando.apertura,
      scadenza: bando.scadenza,
      fonti: bando.fonti.map((fonte) => ({ ...fonte, quota: fonte.quota === 'ORDINARIA' ? 'ordinaria' : 'premiale' })),
      quotaOrdinaria: sum('ORDINARIA'),
      quotaPremiale: sum('PREMIALE'),
      totale: sum(),
      fasce: FASCE.map((fascia) => ({
        fascia,
        iseeMax: decimalOf(bando.parametri.fasce[fascia].iseeMaxCents),
        incidenza: formatQuota(bando.parametri.fasce[fascia].incidenzaMinima),
        contributoMax: decimalOf(bando.parametri.fasce[fascia].contributoMaxCents),
      })),
      cofinanziamentoMinimo: formatQuota(bando.parametri.cofinanziamentoMinimo),
      penalitaAta: formatQuota(bando.parametri.penalitaAta),
      morosita: bando.tipo === 'MOROSITA_INCOLPEVOLE',
      quotaSpesa: formatQuota(bando.parametri.quotaSpesaRendicontata ?? QUOTA_SPESA_RENDICONTATA),
      istruttore,
    },
    titolo: `Atto di approvazione – ${bando.titolo}`,
    tipo: 'ATTO_BANDO_FONDO',
    protocollo: { oggetto: `${TIPI_BANDO[bando.tipo]} ${bando.anno} – approvazione del bando «${bando.titolo}»`, corrispondente: 'Comuni della Puglia' },
  };
}

export async function bandoFondoAffitti(input: BandoFondoInput): Promise<{ stato: 'CONCLUSO' }> {
  const { workflowId } = workflowInfo();
  const DAY_MS = input.durataGiornoMs ?? REAL_DAY_MS;
  const { bandoId, regioneEnteId } = input;
  const incidents = new Incidents({ enteId: regioneEnteId, regioneEnteId });
  const tasks = new HumanTasks(incidents);
  const acts = incidents.guard(raw);
  const rounds = incidents.guard(pecRounds);
  const notices = new Notices({ incidents, enteId: regioneEnteId });
  const kit = { acts, notices, enteId: regioneEnteId };
  const regione = (role: 'ISTRUTTORE' | 'DIRIGENTE'): TaskCandidates => ({ candidateEnteId: regioneEnteId, candidateRole: role, candidateArea: 'FONDO_AFFITTI' });
  const step = (passo: string, azione: string, fields: Omit<Parameters<Activities['statoBando']>[0], 'bandoId' | 'regioneEnteId' | 'passo' | 'azione'> = {}) =>
    acts.statoBando({ bandoId, regioneEnteId, passo, azione, ...fields });

  let stato: StateOf<typeof BANDO_FONDO_PROCEDURE> = 'BOZZA';
  const setStato = (next: typeof stato) => {
    stato = next;
    setBusinessState(BANDO_FONDO_PROCEDURE, next);
  };
  let inviatoDa: Actor | null = null;
  /** The signed call act, attached to the opening notice. */
  let attoInviato: { documentId: string; protocollo: string } | null = null;
  let campaign: Campaign<DomandaFondoInput> | null = null;
  const esiti = new Map<string, EsitoDomanda>();
  /** After the riparto: each Comune's share (only those above zero), those paid, those whose report is settled. */
  const quote = new Map<string, string>();
  const liquidati = new Set<string>();
  const rendicontati = new Set<string>();
  let liquidazioni = 0;

  // A draft sent to signature is no longer one, from the moment the Update is accepted.
  setHandler(statoBandoQuery, () => ({ stato: stato === 'BOZZA' && inviatoDa ? 'IN_FIRMA' : stato, scadenza: campaign?.scadenza ?? null }));
  setHandler(esitoDomandaSignal, ({ enteId, esito }) => {
    esiti.set(enteId, esito);
  });
  setHandler(rendicontazioneSignal, ({ enteId }) => {
    rendicontati.add(enteId);
  });
  setHandler(registraLiquidazioneUpdate, async ({ enteIds, numeroAtto, dataAtto, actor }) => {
    // Taken at once, so that a second Update naming the same Comune is refused while this one runs.
    for (const enteId of enteIds) liquidati.add(enteId);
    const key = `${workflowId}/liquidazione-${++liquidazioni}`;
    let registered: { liquidazioneId: string; liquidataIl: string };
    try {
      registered = await raw.registraLiquidazione({ idempotencyKey: key, bandoId, regioneEnteId, enteIds, numeroAtto, dataAtto, actorId: actor.userId });
    } catch (error) {
      for (const enteId of enteIds) liquidati.delete(enteId);
      throw error;
    }
    const { liquidazioneId, liquidataIl } = registered;
    for (const enteId of enteIds) {
      await getExternalWorkflowHandle(domandaFondoWorkflowId(bandoId, enteId)).signal(liquidazioneSignal, { importo: quote.get(enteId)!, numeroAtto, dataAtto, liquidataIl });
    }
    return { liquidazioneId };
  }, {
    validator: (richiesta) => {
      if (!runsCalls(richiesta.actor, regioneEnteId)) refuse(TASK_FAILURE.notAllowed, 'Registra le liquidazioni un istruttore o un dirigente della Regione.');
      if (stato !== 'RIPARTITO') refuse(TASK_FAILURE.notOpen, 'Le quote si liquidano dopo la firma del riparto.');
      const problem = controllaLiquidazione(richiesta, quote, liquidati, Date.now());
      if (problem) refuse(TASK_FAILURE.invalidDecision, problem.message, problem.field ?? undefined);
    },
  });
  setHandler(inviaAllaFirmaUpdate, ({ actor }) => {
    inviatoDa = actor;
  }, {
    validator: ({ actor }) => {
      if (!runsCalls(actor, regioneEnteId)) refuse(TASK_FAILURE.notAllowed, 'Invia il bando alla firma un istruttore o un dirigente della Regione.');
      if (stato !== 'BOZZA' || inviatoDa) refuse(TASK_FAILURE.notOpen, 'Il bando non è più in bozza.');
    },
  });
  setHandler(prorogaBandoUpdate, async ({ scadenza: proposed, actor }) => {
    const scadenza = campaign!.moveDeadline(proposed);
    await raw.statoBando({ bandoId, regioneEnteId, passo: `proroga@${scadenza}`, azione: 'BANDO_PROROGATO', scadenza, actorId: actor.userId });
    await campaign!.tellDue(await raw.comuniDaPresentare({ bandoId }));
    await pecRounds.sendBandoPecs({ bandoId, workflowId, round: `proroga@${scadenza}`, kind: 'PROROGA', scadenza, atto: attoInviato! });
    return { scadenza };
  }, {
    validator: ({ scadenza: proposed, actor }) => {
      if (!runsCalls(actor, regioneEnteId)) refuse(TASK_FAILURE.notAllowed, 'Proroga il termine un istruttore o un dirigente della Regione.');
      if (stato !== 'APERTO' || !campaign || campaign.chiusa) refuse(TASK_FAILURE.notOpen, 'Il bando non è aperto alle domande: il termine non si può prorogare.');
      if (!(Date.parse(proposed) > Date.parse(campaign.scadenza))) {
        refuse(TASK_FAILURE.invalidDecision, `scadenza: la nuova scadenza deve essere successiva a quella attuale (${dataItaliana(campaign.scadenza)}).`, 'scadenza');
      }
    },
  });
  setBusinessState(BANDO_FONDO_PROCEDURE, 'BOZZA');

  /** The dirigente reads the act as it will be signed (its draft) and signs it, or sends it back. */
  const askSignature = async (taskKey: string, titolo: string, act: ActToIssue, round: number, istruttore: string, riepilogo: { voce: string; valore: string }[]) => {
    const draft = await prepareAct(kit, act, String(round));
    const firma = await tasks.ask({
      taskKey,
      titolo,
      procedura: BANDO_FONDO,
      enteId: regioneEnteId,
      candidates: regione('DIRIGENTE'),
      formKey: 'firma-atto',
      data: { oggetto: act.protocollo.oggetto, istruttore, atto: draft, riepilogo },
    }, confirmsDraft(draft, 'l’atto'));
    return { draft, firma };
  };

  // 1. The draft, until the dirigente signs the call act.
  let bando: BandoLetto;
  let atto: IssuedAct;
  for (let round = 1; ; round++) {
    await condition(() => inviatoDa !== null);
    const istruttore: Actor = inviatoDa!;
    await step(`invio-${round}`, 'BANDO_INVIATO_ALLA_FIRMA', { stato: 'IN_FIRMA', notaRinvio: null, actorId: istruttore.userId });
    setStato('IN_FIRMA');
    bando = await acts.leggiBando({ bandoId });
    const act = attoBando(bando, istruttore.nomeCompleto);
    const { draft, firma } = await askSignature(`firma-bando-${round}`, `Firma del bando: ${bando.titolo}`, act, round, istruttore.nomeCompleto, [
      { voce: 'Dotazione', valore: formatEuro(act.data.totale as string) },
      { voce: 'Domande dei Comuni', valore: `dal ${dataItaliana(bando.apertura)} al ${dataItaliana(bando.scadenza)}` },
    ]);
    if (firma.decision.esito === 'RINVIA') {
      await step(`rinvio-${round}`, 'BANDO_RINVIATO', { stato: 'BOZZA', notaRinvio: firma.decision.nota ?? null, actorId: firma.actor.userId });
      inviatoDa = null;
      setStato('BOZZA');
      continue;
    }
    atto = await issueAct(kit, { ...act, signerUserId: firma.actor.userId, draft }, async ({ documento, protocollo }) => {
      await step('aperto', 'BANDO_APERTO', { stato: 'APERTO', attoDocumentId: documento.documentId, protocolloId: protocollo.id, actorId: firma.actor.userId });
    });
    break;
  }
  attoInviato = { documentId: atto.documento.documentId, protocollo: protocolloCitato(atto.protocollo) };
  const attoAperto = attoInviato;
  setStato('APERTO');

  // 2. The window: every Comune reached gets its application, the act by PEC and reminders until the deadline.
  const comuni = await acts.comuniDelBando({ bandoId });
  const domande = new Map(comuni.map((comune) => [comune.enteId, comune.domandaId]));
  campaign = new Campaign<DomandaFondoInput>({
    child: {
      workflow: domandaFondoAffitti,
      procedure: DOMANDA_FONDO_PROCEDURE,
      workflowId: (enteId) => domandaFondoWorkflowId(bandoId, enteId),
      input: (ente, scadenza) => ({
        bandoId,
        domandaId: domande.get(ente.enteId)!,
        titoloBando: bando.titolo,
        enteId: ente.enteId,
        enteDenominazione: ente.denominazione,
        entePec: ente.pec,
        apertura: bando.apertura,
        scadenza,
        fasce: bando.parametri.fasce,
        giorniRendicontazione: bando.parametri.giorniRendicontazione ?? GIORNI_RENDICONTAZIONE,
        regioneEnteId,
        ...(input.durataGiornoMs ? { durataGiornoMs: input.durataGiornoMs } : {}),
      }),
      deadline: scadenzaDomandaSignal,
    },
    scadenza: bando.scadenza,
    reminderDays: bando.sollecitiGiorni,
    dayMs: DAY_MS,
    sendRound: (round) => rounds.sendBandoPecs({ bandoId, workflowId, round: round.key, kind: round.kind, scadenza: round.scadenza, atto: attoAperto }),
  });
  const open = campaign;
  await open.open(comuni);
  const closing = async () => {
    // Re-planned whenever an extension moves the deadline.
    for (;;) {
      const planned = open.scadenza;
      const moved = await condition(() => open.scadenza !== planned, Math.max(0, Date.parse(planned) - Date.now()));
      if (!moved) break;
    }
    open.close();
  };
  await Promise.all([open.remind(), closing()]);
  await step('chiuso', 'BANDO_CHIUSO', { stato: 'ISTRUTTORIA' });
  setStato('ISTRUTTORIA');

  // 3. Every application decided (or not submitted), the riparto.
  await condition(() => esiti.size >= comuni.length);
  await step('riparto', 'ISTRUTTORIA_CONCLUSA', { stato: 'RIPARTO' });
  setStato('RIPARTO');
  let notaRinvio: string | undefined;
  for (let round = 1; ; round++) {
    const proposta = await acts.calcolaRipartoBando({ bandoId });
    const proposed = await tasks.ask({
      taskKey: `proposta-riparto-${round}`,
      titolo: `Riparto: ${bando.titolo}`,
      procedura: BANDO_FONDO,
      enteId: regioneEnteId,
      candidates: regione('ISTRUTTORE'),
      formKey: 'proposta-riparto',
      data: { bandoId, titoloBando: bando.titolo, round, ...proposta, ...(notaRinvio ? { notaRinvio } : {}) },
    });
    await step(`riparto-proposto-${round}`, 'RIPARTO_PROPOSTO', { actorId: proposed.actor.userId });
    const act: ActToIssue = {
      key: 'atto-riparto',
      template: 'riparto-fondo-affitti',
      data: { ...(await acts.datiAttoRiparto({ bandoId })), istruttore: proposed.actor.nomeCompleto },
      titolo: `Riparto – ${bando.titolo}`,
      tipo: 'ATTO_RIPARTO_FONDO',
      protocollo: { oggetto: `${TIPI_BANDO[bando.tipo]} ${bando.anno} – riparto del bando «${bando.titolo}»`, corrispondente: 'Comuni della Puglia' },
    };
    const { draft, firma } = await askSignature(`firma-riparto-${round}`, `Firma del riparto: ${bando.titolo}`, act, round, proposed.actor.nomeCompleto, [
      { voce: 'Dotazione', valore: formatEuro(proposta.budget) },
      { voce: 'Fabbisogno ammesso', valore: formatEuro(proposta.fabbisogno) },
      { voce: 'Comuni ammessi', valore: String(proposta.comuni) },
    ]);
    if (firma.decision.esito === 'RINVIA') {
      notaRinvio = firma.decision.nota;
      continue;
    }
    const riparto = await issueAct(kit, { ...act, signerUserId: firma.actor.userId, draft }, async ({ documento, protocollo }) => {
      await step('ripartito', 'RIPARTO_FIRMATO', { stato: 'RIPARTITO', ripartoDocumentId: documento.documentId, ripartoProtocolloId: protocollo.id, actorId: firma.actor.userId });
    });
    // 4. Each admitted Comune hears its share, with the act.
    const protocollo = protocolloCitato(riparto.protocollo);
    for (const quota of await acts.quoteBando({ bandoId })) {
      if (centsOf(quota.quota) > 0) quote.set(quota.enteId, quota.quota);
      await getExternalWorkflowHandle(domandaFondoWorkflowId(bandoId, quota.enteId)).signal(quotaAssegnataSignal, {
        quota: quota.quota,
        fabbisogno: quota.fabbisogno,
        protocollo,
        attoDocumentId: riparto.documento.documentId,
      });
    }
    break;
  }
  setStato('RIPARTITO');

  // 5. Liquidations (Updates, above) until every Comune with a share has reported and the report is settled.
  await condition(() => rendicontati.size >= quote.size);
  await step('concluso', 'BANDO_CONCLUSO', { stato: 'CONCLUSO' });
  setStato('CONCLUSO');
  await tasks.settled();
  await condition(allHandlersFinished);
  return { stato: 'CONCLUSO' };
}
