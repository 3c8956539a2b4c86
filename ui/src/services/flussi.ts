import { http, upload } from './http';
import type { Page } from './types';

/** The procedure's type, as the inbox filters tasks by it. */
export const PROCEDURA_FLUSSI = 'invio-flussi';

/** The largest flusso the API accepts. */
export const FLUSSO_MAX_BYTES = 100 * 1024 * 1024;

export type EsitoCaricamento = 'VALIDO' | 'CON_AVVISI' | 'CON_ERRORI';
export type Gravita = 'ERRORE' | 'AVVISO';
export type SnapshotTipo = 'FLUSSO' | 'MANUALE' | 'CONSISTENZA_NULLA' | 'NESSUNA_VARIAZIONE';
/** The procedure's business state, as the admin filter offers it. */
export type FlussoStato = 'IN_ATTESA' | 'FLUSSO_CON_ERRORI' | 'FLUSSO_VALIDATO' | 'TRASMESSO';

/** One upload of the flusso and its validation's outcome. */
export interface Caricamento {
  id: string;
  tentativo: number;
  esito: EsitoCaricamento;
  errori: number;
  avvisi: number;
  unitsCount: number;
  buildingsCount: number;
  createdAt: string;
  flussoUrl: string;
  rapportoUrl: string;
}

/** The official stock the transmission registered. */
export interface Snapshot {
  id: string;
  tipo: SnapshotTipo;
  unitsCount: number;
  buildingsCount: number;
  createdAt: string;
}

export interface Trasmissione {
  workflowId: string;
  enteId: string;
  enteDenominazione: string;
  /** "YYYY-06-30" or "YYYY-12-31". */
  dataRiferimento: string;
  /** The open task (the confirmation) the user may act on. */
  attivita: { id: string; titolo: string } | null;
  caricamenti: Caricamento[];
  snapshot: Snapshot | null;
}

export interface CaricamentoEsito {
  uploadId: string;
  tentativo: number;
  esito: EsitoCaricamento;
  errori: number;
  avvisi: number;
  unitsCount: number;
  buildingsCount: number;
}

/** How far the running validation is (`avanzamento` 0–1, when the validator has reported it). */
export interface Avanzamento {
  inCorso: boolean;
  avanzamento: number | null;
  fase: string | null;
}

export interface Problema {
  gravita: Gravita;
  regola: string;
  riga: number | null;
  unita: string | null;
  campo: string | null;
  messaggio: string;
}

export interface ProblemiQuery {
  gravita?: Gravita;
  pagina: number;
  perPagina: number;
}

const flussoPath = (workflowId: string) => `/api/flussi/${encodeURIComponent(workflowId)}`;

/** Opens the ente's transmission for the date (asking again opens the same one). */
export const apriTrasmissione = (input: { enteId: string; dataRiferimento: string }) =>
  http.post<{ workflowId: string }>('/api/flussi', input);

export const getTrasmissione = (workflowId: string) => http.get<Trasmissione>(flussoPath(workflowId));

export const getAvanzamento = (workflowId: string) => http.get<Avanzamento>(`${flussoPath(workflowId)}/avanzamento`);

/** Uploads the XML flusso, reporting the upload's progress (0–1); answers once the validation is done. */
export function caricaFlusso(workflowId: string, file: File, onProgress: (fraction: number) => void) {
  const form = new FormData();
  form.append('flusso', file, file.name);
  return upload<CaricamentoEsito>(`${flussoPath(workflowId)}/caricamenti`, form, onProgress);
}

export const listProblemi = (uploadId: string, query: ProblemiQuery) =>
  http.get<Page<Problema>>(`/api/flussi/caricamenti/${encodeURIComponent(uploadId)}/problemi`, { ...query });
