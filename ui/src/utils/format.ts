/** Dates, sizes and numbers as Italians write them: dd/mm/yyyy, Europe/Rome time. */
const TIME_ZONE = 'Europe/Rome';

const dateFormat = new Intl.DateTimeFormat('it-IT', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: TIME_ZONE,
});

const dateTimeFormat = new Intl.DateTimeFormat('it-IT', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: TIME_ZONE,
});

function format(formatter: Intl.DateTimeFormat, iso: string | null | undefined): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '—' : formatter.format(date);
}

/** "24/11/2026" */
export const formatDate = (iso: string | null | undefined) => format(dateFormat, iso);

/** "24/11/2026, 14:30" */
export const formatDateTime = (iso: string | null | undefined) => format(dateTimeFormat, iso);

const sizeFormat = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 1 });

/** "1,5 MB" */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${sizeFormat.format(bytes / 1024)} KB`;
  return `${sizeFormat.format(bytes / (1024 * 1024))} MB`;
}

/** "N. 12/2026" */
export const formatProtocollo = (protocollo: { numero: number; anno: number }) =>
  `N. ${protocollo.numero}/${protocollo.anno}`;

// Grouped from the thousands (1.234), as the euro amounts are: the locale's default groups only from 10.000.
const integerFormat = new Intl.NumberFormat('it-IT', { useGrouping: true });
const decimalFormat = new Intl.NumberFormat('it-IT', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "1.234", "70.000" */
export const formatInteger = (value: number) => integerFormat.format(value);

/** "65,50 m²" */
export const formatSurface = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${decimalFormat.format(value)} m²`);

/** "1.234,56 €": the platform's one euro format, the same as the documents' and the Excel files'. */
export { formatEuro } from '@shared/money';

/** 1 → "1 giorno", 3 → "3 giorni". */
export const formatGiorni = (days: number) => `${formatInteger(days)} ${Math.abs(days) === 1 ? 'giorno' : 'giorni'}`;
