// Dates as an Italian reader expects them, for workflows, activities and the API alike (pure code).

/** 2025-12-31 → 31/12/2025 (anything else is shown as it is). */
export function dataItaliana(iso: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : (iso ?? '');
}

// One formatter each, made once: making one costs more than formatting with it (the API formats on hot paths).
const DATE_IN_ROME = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric' });
const TIME_IN_ROME = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

function toDate(value: unknown, helper: string): Date {
  const date = value instanceof Date ? value : typeof value === 'string' || typeof value === 'number' ? new Date(value) : undefined;
  // A document must never print "Invalid Date" or an empty date: a bad value is the caller's bug.
  if (!date || Number.isNaN(date.getTime())) throw new TypeError(`${helper}: not a date: ${JSON.stringify(value)}`);
  return date;
}

/** 23/11/2026, in Rome's time zone: a protocol registered at 00:30 in Rome bears Rome's date, not UTC's. */
export function formatDate(value: unknown): string {
  const parts = DATE_IN_ROME.formatToParts(toDate(value, 'formatDate'));
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('day')}/${part('month')}/${part('year')}`;
}

/** 09:05, in Rome's time zone. */
export function formatTime(value: unknown): string {
  return TIME_IN_ROME.format(toDate(value, 'formatTime'));
}

/** 23/11/2026 09:05 — the moment a document or an Excel file records (generated, received), in Rome's time. */
export function formatDateTime(value: unknown): string {
  return `${formatDate(value)} ${formatTime(value)}`;
}
