import type { Avanzamento, CaricamentoEsito, Gravita, Problema, Trasmissione } from '@api/flussi/views';
import { INVIO_FLUSSI_PROCEDURE } from '@shared/procedures';
import { http, upload } from './http';
import type { StatoUnita, UsoUnita } from './patrimonio';
import type { Page } from './types';

export type { StatoUnita, UsoUnita };
export type { Avanzamento, Caricamento, CaricamentoEsito, EsitoCaricamento, Gravita, Problema, Snapshot, SnapshotTipo, Trasmissione, TrasmissionePrecedente } from '@api/flussi/views';

/** The procedure's type, as the inbox filters tasks by it. */
export const PROCEDURA_FLUSSI = INVIO_FLUSSI_PROCEDURE.id;

/** The largest flusso the API accepts. */
export const FLUSSO_MAX_BYTES = 100 * 1024 * 1024;

/** The procedure's business state, as the admin filter offers it. */
export type FlussoStato = 'IN_ATTESA' | 'FLUSSO_CON_ERRORI' | 'FLUSSO_VALIDATO' | 'TRASMESSO';

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

export type StatoConservazione = 'BUONO' | 'MEDIOCRE' | 'SCADENTE';

/** A building of the manual form, as the API reads and writes it (the flusso's fields). */
export interface FabbricatoManuale {
  codice: string;
  indirizzo: string;
  istatComune: string;
  latitudine: number | null;
  longitudine: number | null;
  annoCostruzione: number | null;
  piani: number | null;
  statoConservazione: StatoConservazione | null;
}

/** A housing unit of the manual form. Values the form could not read as numbers travel as typed: the API names them. */
export interface UnitaManuale {
  codice: string;
  buildingCodice: string;
  foglio: string;
  particella: string;
  subalterno: string;
  categoria: string;
  superficie: number | string | null;
  vani: number | string | null;
  uso: UsoUnita | null;
  stato: StatoUnita | null;
  /** YYYY-MM-DD */
  dataVendita: string | null;
  canoneMensile: number | string | null;
}

/** Where the manual form starts: the transmission's last manual attempt, the last official snapshot, or nothing. */
export interface InserimentoManualeInizio {
  enteId: string;
  enteCodice: string;
  dataRiferimento: string;
  limiti: { unita: number; fabbricati: number };
  origine: 'VUOTO' | 'CARICAMENTO' | 'SNAPSHOT' | 'SNAPSHOT_TROPPO_GRANDE';
  /** The attempt the form starts from (CARICAMENTO). */
  tentativo?: number;
  /** With SNAPSHOT and SNAPSHOT_TROPPO_GRANDE: the snapshot's reference date, and for the latter its size. */
  dataSnapshot?: string;
  unitaSnapshot?: number;
  fabbricati: FabbricatoManuale[];
  unita: UnitaManuale[];
}

export interface InserimentoManuale {
  fabbricati: (Omit<FabbricatoManuale, 'latitudine' | 'longitudine' | 'annoCostruzione' | 'piani'> & {
    latitudine: number | string | null;
    longitudine: number | string | null;
    annoCostruzione: number | string | null;
    piani: number | string | null;
  })[];
  unita: UnitaManuale[];
}

export const getInserimentoManuale = (workflowId: string) =>
  http.get<InserimentoManualeInizio>(`${flussoPath(workflowId)}/manuale`);

/** Files the form as an attempt: the API writes the flusso and validates it like an upload. */
export const inviaInserimentoManuale = (workflowId: string, input: InserimentoManuale) =>
  http.post<CaricamentoEsito>(`${flussoPath(workflowId)}/manuale`, input);
