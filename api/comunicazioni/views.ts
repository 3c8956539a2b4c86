// The communications' answers (types only; see api/views.ts).
import type { FileRef, ProtocolloRef } from '../views';

export type ComunicazioneStato = 'INVIATA' | 'PROTOCOLLATA' | 'PRESA_IN_CARICO' | 'NON_DI_COMPETENZA';

export interface ComunicazioneSummary {
  id: string;
  oggetto: string;
  ente: { id: string; denominazione: string };
  stato: ComunicazioneStato;
  protocollo: ProtocolloRef | null;
  createdAt: string;
}

export interface ComunicazioneDetail extends ComunicazioneSummary {
  testo: string;
  workflowId: string;
  mittente: { nomeCompleto: string };
  esito: { stato: ComunicazioneStato; note: string | null; da: string | null; at: string | null } | null;
  allegati: FileRef[];
}
