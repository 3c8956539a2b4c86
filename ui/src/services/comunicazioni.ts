import { http, idempotencyKey, upload } from './http';
import type { FileRef, Page } from './types';

export type ComunicazioneStato = 'INVIATA' | 'PROTOCOLLATA' | 'PRESA_IN_CARICO' | 'NON_DI_COMPETENZA';

export interface Protocollo {
  numero: number;
  anno: number;
  registro: string;
  data: string;
}

export interface ComunicazioneSummary {
  id: string;
  oggetto: string;
  ente: { id: string; denominazione: string };
  stato: ComunicazioneStato;
  protocollo: Protocollo | null;
  createdAt: string;
}

export interface ComunicazioneDetail extends ComunicazioneSummary {
  testo: string;
  mittente: { nomeCompleto: string };
  esito: { stato: ComunicazioneStato; note: string | null; da: string | null; at: string | null } | null;
  allegati: FileRef[];
}

export interface ComunicazioniQuery {
  ente?: string;
  stato?: string;
  pagina: number;
  perPagina: number;
}

export interface NuovaComunicazione {
  enteId: string;
  oggetto: string;
  testo: string;
  allegati: File[];
}

export const listComunicazioni = (query: ComunicazioniQuery) =>
  http.get<Page<ComunicazioneSummary>>('/api/comunicazioni', { ...query });

export const getComunicazione = (id: string) =>
  http.get<ComunicazioneDetail>(`/api/comunicazioni/${encodeURIComponent(id)}`);

/** Sends the communication as multipart form data, reporting the upload's progress (0–1). */
export function inviaComunicazione(input: NuovaComunicazione, onProgress: (fraction: number) => void) {
  const form = new FormData();
  form.append('enteId', input.enteId);
  form.append('oggetto', input.oggetto);
  form.append('testo', input.testo);
  for (const file of input.allegati) form.append('allegati', file, file.name);
  return upload<{ id: string; workflowId: string }>('/api/comunicazioni', form, onProgress, idempotencyKey());
}
