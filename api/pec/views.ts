// The PEC page's answer (types only; see api/views.ts).
import type { PecStato } from '../views';

export type RicevutaTipo = 'accettazione' | 'non-accettazione' | 'avvenuta-consegna' | 'errore-consegna' | 'preavviso-errore-consegna';

export interface Ricevuta {
  id: string;
  tipo: RicevutaTipo;
  receivedAt: string;
  /** The receipt's daticert.xml, as the PEC provider wrote it. */
  daticert: string;
  documentId: string | null;
}

export interface PecMessaggio {
  id: string;
  messageId: string;
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
