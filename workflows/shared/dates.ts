// Dates as an Italian reader expects them, for workflows, activities and the API alike (pure code).

/** 2025-12-31 → 31/12/2025 (anything else is shown as it is). */
export function dataItaliana(iso: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : (iso ?? '');
}
