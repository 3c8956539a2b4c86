import type { PecStato } from '@api/views';
import { http } from './http';

export type { PecStato } from '@api/views';

export type RicevutaTipo =
  | 'accettazione'
  | 'non-accettazione'
  | 'avvenuta-consegna'
  | 'errore-consegna'
  | 'preavviso-errore-consegna';

export interface Ricevuta {
  id: string;
  tipo: RicevutaTipo;
  receivedAt: string;
  /** The receipt's daticert.xml, as the PEC provider wrote it. */
  daticert: string;
  documentId: string | null;
}

export interface PecMessage {
  id: string;
  messageId: string | null;
  mittente: string;
  destinatario: string;
  oggetto: string;
  testo: string;
  stato: PecStato;
  errore: string | null;
  sentAt: string | null;
  acceptedAt: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
  workflowId: string | null;
  receipts: Ricevuta[];
}

export const getPec = (id: string) => http.get<PecMessage>(`/api/pec/${encodeURIComponent(id)}`);

/** Where the receipt, as the provider sent it, is downloaded from. */
export const ricevutaUrl = (documentId: string) => `/api/documenti/${encodeURIComponent(documentId)}`;
