// Formatting for Italian documents: dates dd/mm/yyyy in Rome's time zone (a protocol registered at
// 00:30 in Rome bears Rome's date, not UTC's), amounts as "1.234,56 €".

import { formatEuro as formatEuroAmount } from '../../workflows/shared/money';

const ROME = 'Europe/Rome';

function toDate(value: unknown, helper: string): Date {
  const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
  // An act must never print "Invalid Date" or an empty date: a bad value is the caller's bug.
  if (!date || Number.isNaN(date.getTime())) throw new TypeError(`${helper}: not a date: ${JSON.stringify(value)}`);
  return date;
}

/** 23/11/2026 */
export function formatDate(value: unknown): string {
  const parts = new Intl.DateTimeFormat('it-IT', { timeZone: ROME, day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(toDate(value, 'formatDate'));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('day')}/${part('month')}/${part('year')}`;
}

/** 09:05 */
export function formatTime(value: unknown): string {
  return new Intl.DateTimeFormat('it-IT', { timeZone: ROME, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(toDate(value, 'formatTime'));
}

/** 23/11/2026 09:05 — the moment a document records (generated, received), in Rome's time. */
export function formatDateTime(value: unknown): string {
  return `${formatDate(value)} ${formatTime(value)}`;
}

/** 1.234,56 € — the platform's one euro format (workflows/shared/money.ts), strict: an act never prints a blank amount. */
export function formatEuro(value: unknown): string {
  const amount = typeof value === 'number' ? (Number.isFinite(value) ? value : undefined) : typeof value === 'string' && value.trim() !== '' ? value : undefined;
  if (amount === undefined) throw new TypeError(`formatEuro: not an amount: ${JSON.stringify(value)}`);
  try {
    return formatEuroAmount(amount);
  } catch {
    throw new TypeError(`formatEuro: not an amount: ${JSON.stringify(value)}`);
  }
}
