// Plain statements for the hot paths — what every request reads (its session, its person) and what hundreds
// of requests write at once (a call's deadline) — run straight on the Prisma client's own pg pool: no query
// engine work per call (a third of the CPU of a `$queryRaw`), and each statement prepared once per
// connection under a name taken from its text, so PostgreSQL neither parses nor plans it again.
import { createHash } from 'node:crypto';
import pg from 'pg';

const TIMESTAMP = 1114;
const DATE = 1082;

/** Prisma keeps `DateTime` as UTC in `timestamp` columns; pg would read them in the process's zone. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMP) return (value: string) => new Date(`${value.replace(' ', 'T')}Z`);
    if (oid === DATE) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export interface Sql {
  /** The rows of a statement; values travel as parameters, never in its text. */
  rows<Row>(strings: TemplateStringsArray, ...values: unknown[]): Promise<Row[]>;
  /** How many rows a write touched. */
  count(strings: TemplateStringsArray, ...values: unknown[]): Promise<number>;
}

/** A statement's text and name, computed once per place in the code that writes it. */
const statements = new WeakMap<TemplateStringsArray, { text: string; name: string }>();

function statementOf(strings: TemplateStringsArray): { text: string; name: string } {
  let statement = statements.get(strings);
  if (!statement) {
    const text = strings.reduce((sql, part, index) => `${sql}$${index}${part}`);
    statement = { text, name: `push_${createHash('sha1').update(text).digest('hex').slice(0, 20)}` };
    statements.set(strings, statement);
  }
  return statement;
}

export function sqlOn(pool: pg.Pool): Sql {
  const run = (strings: TemplateStringsArray, values: unknown[]) => pool.query({ ...statementOf(strings), values, types });
  return {
    rows: async <Row>(strings: TemplateStringsArray, ...values: unknown[]) => (await run(strings, values)).rows as Row[],
    count: async (strings: TemplateStringsArray, ...values: unknown[]) => (await run(strings, values)).rowCount ?? 0,
  };
}
