// The validator's contract: what the activity passes in and what the report, the workflow and the
// loader read back. Parsed records are the loader's own types (Prisma field names), so a valid flusso
// goes to the database as it comes out of here.
import type { ParsedBuilding, ParsedUnit } from '../../stock/types';
import type { Gravita } from '../../../prisma/generated/enums';

export type { ParsedBuilding, ParsedUnit };
export type { Gravita };

export interface Problem {
  gravita: Gravita;
  /** A code of REGOLE: stable, the docs and the report explain it. */
  regola: string;
  /** Line of the flusso the problem is on; null when it concerns the file or something absent from it. */
  riga: number | null;
  /** Code of the housing unit concerned, when there is one. */
  unita: string | null;
  /** The XML element or attribute concerned (`Superficie`, `Catasto/@foglio`), when there is one. */
  campo: string | null;
  /** In Italian: names the field and says what to fix. */
  messaggio: string;
}

export type Esito = 'VALIDO' | 'CON_AVVISI' | 'CON_ERRORI';

/** How many problems of a rule were found, listed or not. */
export interface RuleCount {
  regola: string;
  gravita: Gravita;
  numero: number;
}

export interface FlussoHeader {
  enteCodice: string | null;
  /** YYYY-MM-DD as written in the flusso. */
  dataRiferimento: string | null;
  dataProduzione: string | null;
}

export interface ValidationResult {
  esito: Esito;
  /** At most PROBLEMS_LIMIT, errors first when they must be cut, in line order, then one entry saying how many were left out. */
  problems: Problem[];
  /** Exact counts, listed or not. */
  errori: number;
  avvisi: number;
  /** Exact counts per rule and gravity, for the report's summary. */
  conteggi: RuleCount[];
  /** Empty whenever the file was refused before the rules (unsafe, malformed, not valid against the schema). */
  buildings: ParsedBuilding[];
  units: ParsedUnit[];
  header: FlussoHeader;
}

/** What the stock held at the last official transmission, for coherence and continuity. */
export interface PreviousSnapshot {
  buildingCodes: ReadonlySet<string>;
  units: ReadonlyMap<string, { stato: string }>;
}

export type ValidationPhase = 'lettura' | 'schema' | 'regole' | 'completata';

export interface ValidateFlussoInput {
  /** Path of the uploaded file. */
  file: string;
  /** The ente transmitting (its PUSH code, the prefix of its unit codes). */
  enteCodice: string;
  /** The reference date asked, YYYY-MM-DD. */
  dataRiferimento: string;
  /** ISTAT codes of the Comuni a building may be in. */
  comuniIstat: ReadonlySet<string>;
  /** The last official snapshot of the ente, or null for a first transmission. */
  previous: PreviousSnapshot | null;
  /** Called as the work advances (fraction from 0 to 1); the activity heartbeats from it. */
  onProgress?: (fraction: number, phase: ValidationPhase) => void;
  limits?: { maxBytes?: number };
  /** Stops the validation (and the schema validator's process) when the activity is cancelled. */
  signal?: AbortSignal;
}
