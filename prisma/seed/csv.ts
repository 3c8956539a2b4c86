/**
 * A small RFC 4180 CSV reader for open-data files (the IPA dataset and similar). Written here because
 * the needs are narrow — quoted fields with doubled quotes, delimiters and line breaks inside quotes,
 * CRLF or LF, a UTF-8 BOM, and a delimiter that differs between publishers — and do not justify a
 * dependency.
 */

const CANDIDATE_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CANDIDATE_DELIMITERS)[number];

/**
 * Picks the delimiter from the header line: the candidate that occurs most often outside quotes.
 * Header names never contain the delimiter, so the most frequent candidate is the separator.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CANDIDATE_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char as CsvDelimiter)) {
      counts.set(char as CsvDelimiter, (counts.get(char as CsvDelimiter) ?? 0) + 1);
    }
  }
  let best: CsvDelimiter = ',';
  for (const [delimiter, count] of counts) {
    if (count > (counts.get(best) ?? 0)) best = delimiter;
  }
  return best;
}

/** Splits CSV text into rows of fields. Blank lines are dropped; fields are not trimmed. */
export function parseCsv(text: string, delimiter: CsvDelimiter = detectDelimiter(text)): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const endRow = (): void => {
    row.push(field);
    // A line with nothing on it is not a record (typically the trailing newline).
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    field = '';
  };

  for (; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (quoted) {
      if (char !== '"') field += char;
      else if (text.charAt(i + 1) === '"') {
        field += '"';
        i += 1;
      } else quoted = false;
    } else if (char === '"') {
      quoted = true;
    } else if (char === delimiter) {
      row.push(field);
      field = '';
    } else if (char === '\n') {
      endRow();
    } else if (char === '\r') {
      if (text.charAt(i + 1) === '\n') i += 1;
      endRow();
    } else {
      field += char;
    }
  }
  if (quoted) throw new Error('CSV ends inside a quoted field: the file is truncated or malformed');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/**
 * Parses CSV text whose first row is a header into records keyed by column name. Rows shorter than
 * the header get empty strings for the missing columns, so a trailing empty field never breaks a row.
 */
export function parseCsvRecords(text: string): { header: string[]; records: Record<string, string>[] } {
  const [header = [], ...rows] = parseCsv(text);
  const names = header.map((name) => name.trim());
  const records = rows.map((fields) =>
    Object.fromEntries(names.map((name, index) => [name, fields[index] ?? ''])),
  );
  return { header: names, records };
}
