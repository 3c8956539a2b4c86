// Dates and numbers as an Italian reader expects them in messages and reports.

/** 2025-12-31 → 31/12/2025 (anything else is shown as it is). */
export function dataItaliana(iso: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : (iso ?? '');
}

/** 70000 → 70.000; 75.5 → 75,5. */
export function numero(value: number): string {
  return value.toLocaleString('it-IT', { maximumFractionDigits: 2 });
}
