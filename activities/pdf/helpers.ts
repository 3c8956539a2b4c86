// Formatting for Italian documents, the templates' helpers: dates dd/mm/yyyy in Rome's time zone (the
// platform's one date format, workflows/shared/dates.ts), amounts as "1.234,56 €", strict.

import { formatEuro as formatEuroAmount } from '../../workflows/shared/money';

export { formatDate, formatDateTime, formatTime } from '../../workflows/shared/dates';

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
