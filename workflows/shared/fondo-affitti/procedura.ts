// What the API and the workflows of the rent-support fund share: ids, inputs, the messages between the call
// and its applications, and the checks of an application against its call. No workflow code is imported.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { Actor } from '../actor';
import { dataItaliana } from '../dates';
import type { DecisionOf, DecisionProblem } from '../forms';
import { centsOf, formatEuro } from '../money';
import { workflowIdOf } from '../procedure';
import { BANDO_FONDO_PROCEDURE } from '../procedures/bando-fondo-affitti';
import { DOMANDA_FONDO_PROCEDURE } from '../procedures/domanda-fondo-affitti';
import { FASCE, type FasceParams } from './bando';
import { RIPARTO_DEFAULTS } from './riparto';

export const BANDO_FONDO = BANDO_FONDO_PROCEDURE.id;
export const DOMANDA_FONDO = DOMANDA_FONDO_PROCEDURE.id;

export const bandoFondoWorkflowId = (bandoId: string) => workflowIdOf(BANDO_FONDO_PROCEDURE, bandoId);
/** One application per call and Comune: the campaign starting it twice finds the first. */
export const domandaFondoWorkflowId = (bandoId: string, enteId: string) => workflowIdOf(DOMANDA_FONDO_PROCEDURE, bandoId, enteId);

/** The call's thresholds as the BandoFondo row keeps them (amounts in cents, shares as fractions). */
export interface ParametriBando {
  fasce: FasceParams;
  cofinanziamentoMinimo: number;
  penalitaAta: number;
  /** Morosità incolpevole: the share of the fund split by the spending reported on earlier calls (0.1 is 10 %). */
  quotaSpesaRendicontata?: number;
  /** Days a Comune has to report, from the liquidation (GIORNI_RENDICONTAZIONE unless the call says otherwise). */
  giorniRendicontazione?: number;
}

/** DOMAIN.md: Morosità incolpevole splits 10 % of its fund by what each Comune spent on earlier calls. */
export const QUOTA_SPESA_RENDICONTATA = 0.1;

export const PARAMETRI_PREDEFINITI = (fasce: FasceParams): ParametriBando => ({ fasce, ...RIPARTO_DEFAULTS });

/** Days from the deadline on which the Comuni that have not applied are reminded, unless the Region says otherwise. */
export const SOLLECITI_BANDO = [-7, -2] as const;

/** Days the Region's istruttori have for each application, counted from its submission. */
export const GIORNI_ISTRUTTORIA_DOMANDA = 30;

export interface BandoFondoInput {
  bandoId: string;
  regioneEnteId: string;
  /** Tests compress time: the length of a "day" in ms (default a real day). */
  durataGiornoMs?: number;
}

export interface DomandaFondoInput {
  bandoId: string;
  domandaId: string;
  titoloBando: string;
  enteId: string;
  enteDenominazione: string;
  entePec: string | null;
  /** ISO date-times: the window's first instant and its last. */
  apertura: string;
  scadenza: string;
  fasce: FasceParams;
  /** Days to report from the liquidation (absent in applications started before: GIORNI_RENDICONTAZIONE). */
  giorniRendicontazione?: number;
  regioneEnteId: string;
  durataGiornoMs?: number;
}

/** Days a Comune has to publish its revised ranking, from the notice of its share. */
export const GIORNI_GRADUATORIA_RIDETERMINATA = 30;

/** Days a Comune has to report what it paid, from the liquidation (DOMAIN.md: 60), unless the call says otherwise. */
export const GIORNI_RENDICONTAZIONE = 60;

/** An application admitted to the riparto, in whatever state came after (its share, its liquidation, its report). */
export const STATI_AMMESSA = ['AMMESSA', 'QUOTA_ASSEGNATA', 'LIQUIDATA', 'RENDICONTAZIONE_IN_VERIFICA', 'RENDICONTAZIONE_INTEGRAZIONE', 'RENDICONTATA', 'RENDICONTAZIONE_MANCATA'] as const;

/** The outcome of an application's istruttoria, or its absence: what the call waits for before the riparto. */
export type EsitoDomanda = 'AMMESSA' | 'ESCLUSA' | 'DECADUTA' | 'NON_PRESENTATA';

/** An application tells its call how it ended (child to parent). */
export const esitoDomandaSignal = defineSignal<[{ enteId: string; esito: EsitoDomanda }]>('esitoDomanda');
/** The call sets or moves the applications' deadline (ISO date-time). */
export const scadenzaDomandaSignal = defineSignal<[{ scadenza: string }]>('scadenzaDomanda');
/** The call tells an admitted application its share, once the riparto is signed (amounts as decimal strings). */
export const quotaAssegnataSignal = defineSignal<[QuotaAssegnata]>('quotaAssegnata');

export interface QuotaAssegnata {
  quota: string;
  fabbisogno: string;
  /** The riparto act's protocol, "n/anno", and its document, which travels with the message. */
  protocollo: string;
  attoDocumentId: string;
}

/** The call tells an application its share was paid (the liquidation act, and when it was recorded). */
export const liquidazioneSignal = defineSignal<[Liquidazione]>('liquidazione');

export interface Liquidazione {
  importo: string;
  numeroAtto: string;
  /** The act's date, YYYY-MM-DD; liquidataIl the ISO instant it was recorded, from which the report is due. */
  dataAtto: string;
  liquidataIl: string;
}

/** An application with a share tells its call how its rendicontazione ended (child to parent). */
export const rendicontazioneSignal = defineSignal<[{ enteId: string; esito: 'RENDICONTATA' | 'RENDICONTAZIONE_MANCATA' }]>('rendicontazione');

/** The Region records a liquidation act that pays their shares to a group of Comuni. */
export const registraLiquidazioneUpdate = defineUpdate<{ liquidazioneId: string }, [RichiestaLiquidazione]>('registraLiquidazione');

export interface RichiestaLiquidazione {
  enteIds: string[];
  numeroAtto: string;
  /** YYYY-MM-DD. */
  dataAtto: string;
  actor: Actor;
}

/** The istruttore sends the saved draft to the dirigente's signature. */
export const inviaAllaFirmaUpdate = defineUpdate<void, [{ actor: Actor }]>('inviaBandoAllaFirma');
/** The Region moves the deadline later; the Comuni's tasks and the reminders follow. */
export const prorogaBandoUpdate = defineUpdate<{ scadenza: string }, [{ scadenza: string; actor: Actor }]>('prorogaBando');
/** Where the call stands, for the API (the draft may be edited only in BOZZA). */
export const statoBandoQuery = defineQuery<{ stato: string; scadenza: string | null }>('statoBando');

/** Who runs a call: the Region's istruttori and dirigenti (of the area, or of no area). */
export function runsCalls(actor: Actor, regioneEnteId: string): boolean {
  return actor.roles.some((role) => role.enteId === regioneEnteId && (role.ruolo === 'ISTRUTTORE' || role.ruolo === 'DIRIGENTE') && (role.area === null || role.area === 'FONDO_AFFITTI'));
}

/**
 * The call's own rules on a Comune's application (the form's schema checks the rest): the window, and each
 * band's need no larger than its eligible applications at the band's maximum contribution.
 */
export function controllaDomanda(domanda: DecisionOf<'domanda-fondo-affitti'>, bando: { fasce: FasceParams; apertura: string; scadenza: string }, now: number): DecisionProblem | null {
  if (now < Date.parse(bando.apertura)) return { field: null, message: `Le domande si presentano dal ${dataItaliana(bando.apertura)}.` };
  if (now > Date.parse(bando.scadenza)) return { field: null, message: `Il termine per presentare la domanda è scaduto il ${dataItaliana(bando.scadenza)} alle 23:59.` };
  for (const fascia of FASCE) {
    const figures = domanda.fasce[fascia];
    const tetto = figures.ammissibili * bando.fasce[fascia].contributoMaxCents;
    if (centsOf(figures.fabbisogno) > tetto) {
      return {
        field: `fasce.${fascia}.fabbisogno`,
        message: `Fascia ${fascia} – fabbisogno: ${formatEuro(figures.fabbisogno)} supera ${figures.ammissibili} domande ammissibili per il contributo massimo di ${formatEuro(bando.fasce[fascia].contributoMaxCents / 100)} (${formatEuro(tetto / 100)}).`,
      };
    }
  }
  return null;
}

/**
 * A liquidation the call can record: each Comune named has a share and has not been paid it yet, and the
 * act's date is not in the future. `quote`: the shares by Comune; `liquidati`: those already paid.
 */
export function controllaLiquidazione(richiesta: Omit<RichiestaLiquidazione, 'actor'>, quote: ReadonlyMap<string, string>, liquidati: ReadonlySet<string>, now: number): DecisionProblem | null {
  if (richiesta.enteIds.length === 0) return { field: 'enteIds', message: 'Comuni: scegli almeno un Comune da liquidare.' };
  if (new Set(richiesta.enteIds).size !== richiesta.enteIds.length) return { field: 'enteIds', message: 'Comuni: un Comune è indicato due volte.' };
  if (richiesta.enteIds.some((enteId) => !quote.has(enteId))) return { field: 'enteIds', message: 'Comuni: si liquidano solo i Comuni con una quota assegnata dal riparto.' };
  if (richiesta.enteIds.some((enteId) => liquidati.has(enteId))) return { field: 'enteIds', message: 'Comuni: la quota di uno dei Comuni è già stata liquidata.' };
  if (Date.parse(`${richiesta.dataAtto}T00:00:00Z`) > now) return { field: 'dataAtto', message: 'Data dell’atto: non può essere nel futuro.' };
  return null;
}

/**
 * The call's rules on a rendicontazione: what was paid comes from the share and the Comune's co-funding, and
 * what is left of the share is no more than the share less what was paid from it.
 */
export function controllaRendicontazione(decision: DecisionOf<'rendicontazione-fondo'>, fondi: { quota: string; cofinanziamento: string }): DecisionProblem | null {
  const pagato = centsOf(decision.pagatoA) + centsOf(decision.pagatoB);
  const quota = centsOf(fondi.quota);
  const disponibile = quota + centsOf(fondi.cofinanziamento);
  if (pagato > disponibile) {
    return { field: 'pagatoA', message: `Importo pagato: ${formatEuro(pagato / 100)} supera la quota assegnata e il cofinanziamento comunale insieme (${formatEuro(disponibile / 100)}).` };
  }
  const residuoMassimo = Math.max(0, quota - pagato);
  if (centsOf(decision.residuo) > residuoMassimo) {
    return { field: 'residuo', message: `Fondi residui: al massimo ${formatEuro(residuoMassimo / 100)}, la quota assegnata meno quanto pagato.` };
  }
  return null;
}

/** The application's need, both bands, in cents. */
export const fabbisognoDomanda = (domanda: DecisionOf<'domanda-fondo-affitti'>): number =>
  FASCE.reduce((sum, fascia) => sum + centsOf(domanda.fasce[fascia].fabbisogno), 0);
