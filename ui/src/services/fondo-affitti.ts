import type { Fascia } from '@shared/fondo-affitti/bando';
import { http, upload } from './http';

import type { BandoView, BeneficiariCaricati, DomandaView } from '@api/fondo-affitti/views';
import type { BandoSintesi, RipartoView } from '@api/fondo-affitti/views';
import type { ComuniDelBando, FiltriComuni } from '@api/fondo-affitti/comuni-del-bando';
import type { TipoBando } from '@shared/fondo-affitti/bando';
import { idempotencyKey } from './http';

export type { BandoStato, BandoView, BeneficiariCaricati, DomandaStato, DomandaView, FasciaDomandaView } from '@api/fondo-affitti/views';
export type { BandoSintesi, FonteView, RipartoRiga, RipartoView } from '@api/fondo-affitti/views';
export type { ComuneDelBandoRiga, ComuniDelBando, FiltriComuni } from '@api/fondo-affitti/comuni-del-bando';

/** A band's figures in a draft: what is not sent stays as it was, null empties it. */
export interface FasciaBozza {
  ricevute?: number | null;
  ammissibili?: number | null;
  esclusi?: number | null;
  /** A decimal string ("1234.50"). */
  fabbisogno?: string | null;
}

/** A Comune's application as saved before it is submitted: every field optional, null empties it. */
export interface BozzaDomanda {
  fasce?: Partial<Record<Fascia, FasciaBozza>>;
  cofinanziamento?: string | null;
  attoCofinanziamento?: string | null;
  /** Documents uploaded for the application's task (POST /api/tasks/:id/documenti/:campo). */
  bandoComunaleDocumentId?: string | null;
  graduatoriaDocumentId?: string | null;
}

const domandaPath = (id: string) => `/api/fondo-affitti/domande/${encodeURIComponent(id)}`;

export const getBando = (id: string) => http.get<BandoView>(`/api/fondo-affitti/bandi/${encodeURIComponent(id)}`);
export const getDomanda = (id: string) => http.get<DomandaView>(domandaPath(id));
/** Saves the draft (until the deadline, while not submitted); answers with the application as it now is. */
export const salvaBozzaDomanda = (id: string, bozza: BozzaDomanda) => http.put<DomandaView>(`${domandaPath(id)}/bozza`, bozza);

/** The Excel template of the list of tenants, with the call's thresholds. */
export const modelloBeneficiariUrl = (bandoId: string) => `/api/fondo-affitti/bandi/${encodeURIComponent(bandoId)}/beneficiari/modello.xlsx`;

/** Uploads the list of tenants: checked row by row; kept only when every row is right. */
export function caricaBeneficiari(domandaId: string, file: File, onProgress: (fraction: number) => void) {
  const form = new FormData();
  form.set('file', file);
  return upload<BeneficiariCaricati>(`${domandaPath(domandaId)}/beneficiari`, form, onProgress);
}

// The Region's calls: listed, drafted, sent to signature, extended; the riparto's preview; the tenants listed twice.

/** A band's thresholds as the API takes them: amounts as decimal strings, the incidence as a fraction (0.14). */
export interface FasciaBando {
  iseeMax: string;
  incidenzaMinima: number;
  contributoMax: string;
}

/** A call as created or saved while a draft (POST and PUT /api/fondo-affitti/bandi). */
export interface BandoDaSalvare {
  tipo: TipoBando;
  anno: number;
  titolo: string;
  /** YYYY-MM-DD: open from the start of the day. */
  apertura: string;
  /** YYYY-MM-DD: the whole day counts. */
  scadenza: string;
  fonti: { riferimento: string; importo: string; quota: 'ORDINARIA' | 'PREMIALE' }[];
  fasce: Record<Fascia, FasciaBando>;
  /** Fractions: 0.2 is 20 %. */
  cofinanziamentoMinimo: number;
  penalitaAta: number;
  /** Days from the deadline (negative: before it) on which the Comuni that have not applied are reminded. */
  sollecitiGiorni: number[];
}

/** A tenant in a Comune's list: personal data, every read of which is recorded. Amounts as decimal strings. */
export interface Beneficiario {
  codiceFiscale: string;
  fascia: Fascia;
  isee: string;
  canoneAnnuo: string;
  contributo: string;
}

/** A tenant listed by more than one Comune in the same call. */
export interface Duplicato {
  codiceFiscale: string;
  comuni: string[];
}

const bandoPath = (id: string) => `/api/fondo-affitti/bandi/${encodeURIComponent(id)}`;

/** The Region's people: every call, drafts too; a Comune's: the calls open or past, each with its own application. */
export const listBandi = () => http.get<{ items: BandoSintesi[] }>('/api/fondo-affitti/bandi');
/** Creates the draft and starts its procedure; a retried request answers with the first draft. */
export const creaBando = (bando: BandoDaSalvare) => http.post<{ id: string; workflowId: string }>('/api/fondo-affitti/bandi', bando, { headers: idempotencyKey() });
/** Saves a draft (409 once it is no longer one); answers with the call as it now is. */
export const modificaBando = (id: string, bando: BandoDaSalvare) => http.put<BandoView>(bandoPath(id), bando);
export const inviaBandoAllaFirma = (id: string) => http.post<void>(`${bandoPath(id)}/invio-alla-firma`);
/** Moves the deadline later (YYYY-MM-DD, the whole day counts); answers with the new one. */
export const prorogaBando = (id: string, scadenza: string) => http.post<{ scadenza: string }>(`${bandoPath(id)}/proroga`, { scadenza });
/** The riparto as the admitted applications make it now (the Region's people only). */
export const getRiparto = (id: string) => http.get<RipartoView>(`${bandoPath(id)}/riparto`);
export const ripartoExcelUrl = (id: string) => `${bandoPath(id)}/riparto.xlsx`;
/** The tenants listed by two Comuni of the call (the Region's istruttori and dirigenti; the read is recorded). */
export const getDuplicati = (id: string) => http.get<{ items: Duplicato[] }>(`${bandoPath(id)}/duplicati`);
/** A Comune's list of tenants (the read is recorded). */
export const getBeneficiari = (domandaId: string) => http.get<{ items: Beneficiario[] }>(`${domandaPath(domandaId)}/beneficiari`);

// After the riparto: the call Comune by Comune, and the acts that liquidate the Comuni's shares.

/** The filters as the API reads them: a state may repeat (stato=AMMESSA&stato=LIQUIDATA). */
function comuniQuery(filtri: FiltriComuni): string {
  const params = new URLSearchParams();
  if (filtri.q) params.set('q', filtri.q);
  if (filtri.provincia) params.set('provincia', filtri.provincia);
  for (const stato of filtri.stato ?? []) params.append('stato', stato);
  if (filtri.liquidata) params.set('liquidata', filtri.liquidata);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** The call Comune by Comune, with the totals of the rows shown (the Region's people only). */
export const getComuniBando = (id: string, filtri: FiltriComuni) => http.get<ComuniDelBando>(`${bandoPath(id)}/comuni${comuniQuery(filtri)}`);
/** The same rows as an Excel sheet whose amounts stay numbers. */
export const comuniBandoExcelUrl = (id: string, filtri: FiltriComuni) => `${bandoPath(id)}/comuni.xlsx${comuniQuery(filtri)}`;

/** An act that liquidates the shares of some Comuni (ids of their enti); dataAtto YYYY-MM-DD. */
export interface Liquidazione {
  enti: string[];
  numeroAtto: string;
  dataAtto: string;
}

/**
 * Records the act: each Comune gets the notice by PEC and a rendicontazione to complete. A refusal names its
 * field (enteIds, numeroAtto, dataAtto); a retried request records the act once.
 */
export const registraLiquidazione = (bandoId: string, liquidazione: Liquidazione) =>
  http.post<{ liquidazioneId: string }>(`${bandoPath(bandoId)}/liquidazioni`, liquidazione, { headers: idempotencyKey() });
