// Dates and numbers as an Italian reader expects them in messages and reports.
export { dataItaliana, formatDateTime } from '../../../workflows/shared/dates';

/** 70000 → 70.000; 75.5 → 75,5. */
export function numero(value: number): string {
  return value.toLocaleString('it-IT', { maximumFractionDigits: 2 });
}
