// The stock as the loader takes it: one record per building and per housing unit, with the Prisma
// field names, so the flusso parser, the manual form and the generator all hand over the same shape;
// and a unit as the stock browser's API answers it. Types only: the inbox imports them (alias @activities).
import type { EnteTipo, SnapshotTipo, StatoUnita, UsoUnita } from '../../prisma/generated/enums';
import type { EuroDecimal } from '../../workflows/shared/money';

export interface ParsedBuilding {
  codice: string;
  indirizzo: string;
  /** ISTAT code of the Comune (six digits). */
  istatComune: string;
  latitudine?: number | null;
  longitudine?: number | null;
  annoCostruzione?: number | null;
  piani?: number | null;
  statoConservazione?: string | null;
}

export interface ParsedUnit {
  /** Owner's code + unit id, as PUSH forms it (072006-3122). */
  codice: string;
  buildingCodice: string;
  foglio: string;
  particella: string;
  subalterno: string;
  categoria: string;
  superficie: number;
  vani?: number | null;
  uso: UsoUnita;
  stato: StatoUnita;
  /** YYYY-MM-DD, for sold units. */
  dataVendita?: string | null;
  /** Euro, a decimal string with at most two decimals (never floating point). */
  canoneMensile?: EuroDecimal | null;
}

/** Who transmitted, and where the transmission is filed: the same on a retried activity. */
export interface SnapshotMeta {
  enteId: string;
  /** YYYY-MM-DD. */
  dataRiferimento: string;
  workflowId?: string | null;
  protocolloId?: string | null;
  documentId?: string | null;
}

export interface SnapshotInput extends SnapshotMeta {
  /** FLUSSO or MANUALE: the tipi that carry rows. */
  tipo: Extract<SnapshotTipo, 'FLUSSO' | 'MANUALE'>;
  buildings: readonly ParsedBuilding[];
  units: readonly ParsedUnit[];
}

export interface LoadedSnapshot {
  snapshotId: string;
  /** How many buildings and units the snapshot holds. */
  buildings: number;
  units: number;
}

export type { EnteTipo, SnapshotTipo, StatoUnita, UsoUnita };

/** A unit as GET /api/patrimonio/unita answers it. */
export interface StockUnit {
  id: string;
  codice: string;
  buildingCodice: string;
  foglio: string;
  particella: string;
  subalterno: string;
  categoria: string;
  superficie: number;
  vani: number | null;
  uso: UsoUnita;
  stato: StatoUnita;
  dataVendita: string | null;
  /** Euro, the exact decimal string the database holds ("450.00"). */
  canoneMensile: string | null;
  snapshot: { id: string; dataRiferimento: string; tipo: SnapshotTipo };
  ente: { id: string; codice: string; denominazione: string; tipo: EnteTipo };
  /** Null when the unit names a building its snapshot does not hold. */
  building: { codice: string; indirizzo: string; istatComune: string; comune: string | null; latitudine: number | null; longitudine: number | null } | null;
}
