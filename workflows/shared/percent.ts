// Shares as percentages, written the same on the pages, in the acts and in the messages: a no-break space
// before the sign, so that «14 %» never wraps apart. Pure: the UI imports it (@shared).

const quotaFormat = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 });
const percentualeFormat = new Intl.NumberFormat('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** A parameter's share, with only the decimals it has: 0.14 → «14 %», 0.125 → «12,5 %». */
export const formatQuota = (fraction: number) => `${quotaFormat.format(fraction * 100)}\u00a0%`;

/** A computed share, to the hundredth: 0.7543 → «75,43 %»; — for none. */
export const formatPercentuale = (fraction: number | null | undefined) =>
  fraction === null || fraction === undefined ? '—' : `${percentualeFormat.format(fraction * 100)}\u00a0%`;

/** The gap from the whole: 0.7543 → «−24,57 %», 1 → «0,00 %» (a true minus sign, as print has it). */
export function formatScarto(fraction: number): string {
  const gap = fraction - 1;
  const text = formatPercentuale(Math.abs(gap));
  if (Math.abs(gap) < 0.00005) return text;
  return `${gap < 0 ? '\u2212' : '+'}${text}`;
}
