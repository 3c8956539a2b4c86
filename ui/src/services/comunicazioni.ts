import type { ComunicazioneDetail, ComunicazioneSummary } from '@api/comunicazioni/views';
import { http, idempotencyKey, upload } from './http';
import type { Page } from './types';

export type { ComunicazioneDetail, ComunicazioneStato, ComunicazioneSummary } from '@api/comunicazioni/views';

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
