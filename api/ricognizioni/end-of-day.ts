/** The last second of a calendar day in Italy, as an instant: a deadline "entro il 31/01" means all of that day. */
export function endOfDayInRome(date: string): Date {
  const naive = new Date(`${date}T23:59:59Z`);
  // Rome is UTC+1 or UTC+2; the offset in force at that moment is read back from Intl.
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Rome', timeZoneName: 'shortOffset' })
    .formatToParts(naive)
    .find((part) => part.type === 'timeZoneName')!.value;
  const hours = Number(/GMT([+-]\d+)/.exec(offset)?.[1] ?? 0);
  return new Date(naive.getTime() - hours * 3_600_000);
}
