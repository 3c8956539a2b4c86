// The accreditations' answers (types only; see api/views.ts).
import type { TimelineEntry } from '../tasks/views';
import type { PecStato, ProtocolloRef } from '../views';

/** An ente that asks to be accredited: never the Region. */
export type EnteTipo = 'COMUNE' | 'ARCA' | 'ALER' | 'ALTRO';
export type AccreditamentoStato = 'INVIATA' | 'PROTOCOLLATA' | 'INTEGRAZIONE_RICHIESTA' | 'IN_FIRMA' | 'RESPINTA' | 'DECADUTA' | 'ACCREDITATA';

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
  timeline: TimelineEntry[];
}
