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
}

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
  regioneEnteId: string;
  durataGiornoMs?: number;
}

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

/** The application's need, both bands, in cents. */
export const fabbisognoDomanda = (domanda: DecisionOf<'domanda-fondo-affitti'>): number =>
  FASCE.reduce((sum, fascia) => sum + centsOf(domanda.fasce[fascia].fabbisogno), 0);
