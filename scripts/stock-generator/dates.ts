/** Calendar dates as the flusso writes them (AAAA-MM-GG), computed in UTC so no time zone shifts a day. */

/** A date written AAAA-MM-GG. */
export type IsoDate = string;

const DAY_MS = 86_400_000;

/** The date itself when it is a 30/06 or a 31/12 (the only reference dates of a flusso), else throws. */
export function assertDataRiferimento(date: string): IsoDate {
  if (!/^\d{4}-(06-30|12-31)$/.test(date)) {
    throw new RangeError(`The reference date must be a 30 June or a 31 December (AAAA-06-30, AAAA-12-31), got ${date}`);
  }
  return date;
}

/** The reference date of the following semester: 30/06 → 31/12, 31/12 → 30/06 of the next year. */
export function nextDataRiferimento(date: IsoDate): IsoDate {
  const year = Number(assertDataRiferimento(date).slice(0, 4));
  return date.endsWith('06-30') ? `${year}-12-31` : `${year + 1}-06-30`;
}

/** When a generated flusso says it was produced: the 15th of the month after, at 10:00. */
export function dataProduzioneFor(dataRiferimento: IsoDate): string {
  return `${addDays(dataRiferimento, 15)}T10:00:00`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Days from `from` to `to` (negative when `to` comes first). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}
