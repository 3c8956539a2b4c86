import { ACCREDITAMENTO_PROCEDURE } from '@shared/procedures';
import { http, idempotencyKey, upload } from './http';
import type { AccreditamentoDetail, AccreditamentoSummary, EnteTipo } from '@api/accreditamenti/views';
import type { Page } from './types';

/** The procedure's type, as the inbox filters tasks by it. */
export const PROCEDURA_ACCREDITAMENTO = ACCREDITAMENTO_PROCEDURE.id;

export type { AccreditamentoDetail, AccreditamentoDocumento, AccreditamentoPec, AccreditamentoStato, AccreditamentoSummary, EnteTipo, Rappresentante } from '@api/accreditamenti/views';

export interface NuovoAccreditamento {
  tipo: EnteTipo;
  denominazione: string;
  codiceFiscale: string;
  /** A Comune's ISTAT code and province (sigla); absent for other enti. */
  istatComune?: string;
  provincia?: string;
  pec: string;
  sede: string;
  qualifica: string;
  attoNomina: File;
}

export interface AccreditamentiQuery {
  stato?: string;
  pagina: number;
  perPagina: number;
}

const accreditamentoPath = (id: string) => `/api/accreditamenti/${encodeURIComponent(id)}`;

export const listAccreditamenti = (query: AccreditamentiQuery) =>
  http.get<Page<AccreditamentoSummary>>('/api/accreditamenti', { ...query });

export const getAccreditamento = (id: string) => http.get<AccreditamentoDetail>(accreditamentoPath(id));

/** Sends the request with its act of appointment as multipart form data, reporting the upload's progress (0–1). */
export function inviaAccreditamento(input: NuovoAccreditamento, onProgress: (fraction: number) => void) {
  const form = new FormData();
  const { attoNomina, ...fields } = input;
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, value);
  form.append('attoNomina', attoNomina, attoNomina.name);
  return upload<{ id: string; workflowId: string }>('/api/accreditamenti', form, onProgress, idempotencyKey());
}

/** Files a new act of appointment for the request (an integration); its id then goes with the answer. */
