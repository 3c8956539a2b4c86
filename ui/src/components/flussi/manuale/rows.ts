/**
 * The manual form's rows: every field as the person types it (numbers with a decimal comma, empty for
 * absent), turned into the API's shape only on sending. What cannot be read as a number is sent as
 * typed, so the API's check — the one set of rules — names the row and the field.
 */
import type {
  FabbricatoManuale,
  InserimentoManuale,
  StatoConservazione,
  StatoUnita,
  UnitaManuale,
  UsoUnita,
} from '@/services/flussi';

export interface FabbricatoRow {
  /** Stable across edits and deletions: the table's key, not the building's code. */
  key: number;
  codice: string;
  indirizzo: string;
  istatComune: string | null;
  latitudine: string;
  longitudine: string;
  annoCostruzione: string;
  piani: string;
  statoConservazione: StatoConservazione | null;
}

export interface UnitaRow {
  key: number;
  codice: string;
  buildingCodice: string | null;
  foglio: string;
  particella: string;
  subalterno: string;
  categoria: string;
  superficie: string;
  vani: string;
  uso: UsoUnita | null;
  stato: StatoUnita | null;
  /** YYYY-MM-DD, as the date input gives it. */
  dataVendita: string;
  canoneMensile: string;
}

let nextKey = 1;
const key = () => nextKey++;

/** 75.5 → "75,5"; absent → "". */
const shown = (value: number | string | null | undefined) =>
  value === null || value === undefined ? '' : String(value).replace('.', ',');

/** "75,5" → 75.5; "" → null; anything else is sent as typed, for the API to name. */
export function readNumber(text: string): number | string | null {
  const value = text.trim();
  if (value === '') return null;
  return /^-?\d+([.,]\d+)?$/.test(value) ? Number(value.replace(',', '.')) : value;
}

const readText = (text: string | null) => (text ?? '').trim();

export const fabbricatoRow = (from?: FabbricatoManuale): FabbricatoRow => ({
  key: key(),
  codice: from?.codice ?? '',
  indirizzo: from?.indirizzo ?? '',
  istatComune: from?.istatComune ?? null,
  latitudine: shown(from?.latitudine),
  longitudine: shown(from?.longitudine),
  annoCostruzione: shown(from?.annoCostruzione),
  piani: shown(from?.piani),
  statoConservazione: from?.statoConservazione ?? null,
});

export const unitaRow = (from?: Partial<UnitaManuale>): UnitaRow => ({
  key: key(),
  codice: from?.codice ?? '',
  buildingCodice: from?.buildingCodice ?? null,
  foglio: from?.foglio ?? '',
  particella: from?.particella ?? '',
  subalterno: from?.subalterno ?? '',
  categoria: from?.categoria ?? '',
  superficie: shown(from?.superficie),
  vani: shown(from?.vani),
  uso: from?.uso ?? null,
  stato: from?.stato ?? null,
  dataVendita: from?.dataVendita ?? '',
  canoneMensile: shown(from?.canoneMensile),
});

/** A copy of a unit for the next one of the same building: same building, cadastre and use; a new code. */
export const copiaUnita = (row: UnitaRow, prefisso: string): UnitaRow => ({
  ...row,
  key: key(),
  codice: prefisso,
  subalterno: '',
  dataVendita: '',
});

export function toInserimento(fabbricati: readonly FabbricatoRow[], unita: readonly UnitaRow[]): InserimentoManuale {
  return {
    fabbricati: fabbricati.map((row) => ({
      codice: readText(row.codice),
      indirizzo: readText(row.indirizzo),
      istatComune: readText(row.istatComune),
      latitudine: readNumber(row.latitudine),
      longitudine: readNumber(row.longitudine),
      annoCostruzione: readNumber(row.annoCostruzione),
      piani: readNumber(row.piani),
      statoConservazione: row.statoConservazione,
    })),
    unita: unita.map((row) => ({
      codice: readText(row.codice),
      buildingCodice: readText(row.buildingCodice),
      foglio: readText(row.foglio),
      particella: readText(row.particella),
      subalterno: readText(row.subalterno),
      categoria: readText(row.categoria).toUpperCase(),
      superficie: readNumber(row.superficie),
      vani: readNumber(row.vani),
      uso: row.uso,
      stato: row.stato,
      dataVendita: row.dataVendita.trim() || null,
      canoneMensile: readNumber(row.canoneMensile),
    })),
  };
}

/** The API's message for a cell (`unita.2.superficie`) or a whole list (`unita`), by that path. */
export type CellErrors = Record<string, string>;

/** Under a cell, the message without the row and field it names ("unità 3, superficie: "): the cell says that. */
export function cellError(errors: CellErrors, list: 'fabbricati' | 'unita', index: number, field: string): string | undefined {
  const message = errors[`${list}.${index}.${field}`];
  return message?.slice(message.indexOf(': ') + 2);
}
