import { ACCREDITAMENTO_PROCEDURE } from '@shared/procedures';
import { http, idempotencyKey, upload } from './http';
import type { PecStato } from './pec';
import type { Page, ProtocolloRef } from './types';

/** The procedure's type, as the inbox filters tasks by it. */
export const PROCEDURA_ACCREDITAMENTO = ACCREDITAMENTO_PROCEDURE.id;

export type EnteTipo = 'COMUNE' | 'ARCA' | 'ALER' | 'ALTRO';

export type AccreditamentoStato =
  | 'INVIATA'
  | 'PROTOCOLLATA'
  | 'INTEGRAZIONE_RICHIESTA'
  | 'IN_FIRMA'
  | 'RESPINTA'
  | 'DECADUTA'
  | 'ACCREDITATA';

export interface Rappresentante {
  nome: string;
  cognome: string;
  codiceFiscale: string;
  qualifica: string;
}

export interface AccreditamentoSummary {
  id: string;
  denominazione: string;
  tipo: EnteTipo;
  codiceFiscale: string;
  stato: AccreditamentoStato;
  protocolloEntrata: ProtocolloRef | null;
  protocolloUscita: ProtocolloRef | null;
  createdAt: string;
}

/** A document of the procedure: the act of appointment, the signed provvedimento, … */
export interface AccreditamentoDocumento {
  id: string;
  filename: string;
  titolo: string;
  tipo: string;
  mimeType: string;
  size: number;
  sha256: string;
  url: string;
}

export interface AccreditamentoPec {
  id: string;
  oggetto: string;
  destinatario: string;
  stato: PecStato;
  createdAt: string;
  url: string;
}

export interface AccreditamentoDetail extends AccreditamentoSummary {
  workflowId: string;
  istatComune: string | null;
  sede: string;
  rappresentante: Rappresentante;
  motivazione: string | null;
  integrazioneRichiesta: string | null;
  integrazioneScadenza: string | null;
  documenti: AccreditamentoDocumento[];
  /** The ente's PEC address, where the procedure's messages go. */
  pec: string;
  /** The PEC messages the procedure sent to the ente. */
  messaggiPec: AccreditamentoPec[];
  /** The procedure's open tasks the user may act on (the integration the Region asked for, say). */
  attivita: { id: string; titolo: string }[];
  timeline: { at: string; titolo: string; descrizione: string; actor: string | null }[];
}

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
