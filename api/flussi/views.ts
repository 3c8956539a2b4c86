// The transmissions' answers (types only; see api/views.ts).
import type { Esito, Gravita, Problem } from '../../activities/flussi/validation/types';
import type { UploadSummary } from '../../workflows/shared/flussi';
import type { PecStato, ProtocolloRef } from '../views';

export type EsitoCaricamento = Esito;
export type { Gravita };
export type SnapshotTipo = 'FLUSSO' | 'MANUALE' | 'CONSISTENZA_NULLA' | 'NESSUNA_VARIAZIONE';

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
  /** Entered in the manual form (the platform wrote the flusso), not uploaded as a file. */
  manuale: boolean;
  flussoUrl: string;
  /** The validation report as Excel (every problem) and as PDF (the first 1,000). */
  rapportoUrl: string;
  rapportoPdfUrl: string;
}

/** The official stock the transmission registered. */
export interface Snapshot {
  id: string;
  tipo: SnapshotTipo;
  unitsCount: number;
  buildingsCount: number;
  createdAt: string;
  /** Its registration in the protocol (in entrata), the receipt filed, and the receipt's PEC to the ente. */
  protocollo: ProtocolloRef | null;
  ricevutaUrl: string | null;
  pec: { id: string; stato: PecStato } | null;
}

/** An earlier official transmission of the same ente. */
export interface TrasmissionePrecedente {
  dataRiferimento: string;
  tipo: SnapshotTipo;
  unitsCount: number;
  createdAt: string;
  /** Its transmission's page, when it came through PUSH (not for stock loaded otherwise). */
  workflowId: string | null;
}

export interface Trasmissione {
  workflowId: string;
  enteId: string;
  enteDenominazione: string;
  /** "YYYY-06-30" or "YYYY-12-31". */
  dataRiferimento: string;
  /** The open task (the confirmation). */
  attivita: { id: string; titolo: string } | null;
  caricamenti: Caricamento[];
  snapshot: Snapshot | null;
  /** The ente's official transmissions before this one, the latest first (ten at most). */
  precedenti: TrasmissionePrecedente[];
}

/** An upload (or a manual entry) as validated: the workflow's own summary. */
export type CaricamentoEsito = UploadSummary;

/** How far the running validation is (`avanzamento` 0–1, when the validator has reported it). */
export interface Avanzamento {
  inCorso: boolean;
  avanzamento: number | null;
  fase: string | null;
}

/** A problem the validation found, where the ente can find it. */
export type Problema = Problem;
