// Calendar days in Italian time: a window "dal 01/03 al 31/03" runs from the first day's 00:00 to the last
// day's 23:59:59, whatever the server's time zone and whether summer time is in force.
import { formatDate, formatTime } from '../workflows/shared/dates';

const OFFSET = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Rome', timeZoneName: 'shortOffset' });

/** The instant of Rome's wall clock `time` on `date` (YYYY-MM-DD). */
function inRome(date: string, time: string): Date {
  const naive = new Date(`${date}T${time}Z`);
  // Rome is UTC+1 or UTC+2; the offset in force at that moment is read back from Intl.
  const offset = OFFSET.formatToParts(naive).find((part) => part.type === 'timeZoneName')!.value;
  const hours = Number(/GMT([+-]\d+)/.exec(offset)?.[1] ?? 0);
  return new Date(naive.getTime() - hours * 3_600_000);
}

/** The last second of a calendar day in Italy, as an instant: a deadline "entro il 31/01" means all of that day. */
export const endOfDayInRome = (date: string): Date => inRome(date, '23:59:59');

/** The first instant of a calendar day in Italy: a window opening "dal 01/03". */
export const startOfDayInRome = (date: string): Date => inRome(date, '00:00:00');

/** An instant as Italy's wall clock reads it on a page: «31/03/2027, 23:59», as the inbox writes its dates. */
export const formatDateTimeInRome = (instant: Date): string => `${formatDate(instant)}, ${formatTime(instant)}`;
