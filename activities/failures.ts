// Which activity failures can never succeed on a retry, decided in one place for every activity: the
// database refusing the data itself (a NUL byte in a text, a value too long, a missing required value)
// or a query the client refuses to build. They become non-retryable ApplicationFailures with a code, so
// the procedure opens an incident at once instead of retrying the same refusal for ever. Everything else
// (connection lost, server restarting, a deadlock) is thrown as it came, and Temporal retries it.
import { ApplicationFailure } from '@temporalio/common';

export const ACTIVITY_FAILURE = {
  /** PostgreSQL refused the data: SQLSTATE class 22 (data exception), a NOT NULL or CHECK violation, a value too large to index. */
  dataRefused: 'DATI_RIFIUTATI_DAL_DATABASE',
  /** The database client refused to build the query: a missing or mistyped argument. */
  invalidQuery: 'RICHIESTA_AL_DATABASE_NON_VALIDA',
} as const;

const NEVER_SUCCEEDS = /^(22...|23502|23514|54000)$/;
// When no SQLSTATE reached us (a driver that wraps errors its own way), PostgreSQL's own words for a text it refuses.
const REFUSED_TEXT = /invalid byte sequence for encoding|unsupported Unicode escape sequence|untranslatable character/i;

interface Found {
  sqlState?: string;
  message?: string;
}

/** The SQLSTATE and message of a database error, however deep a driver or Prisma has wrapped it. */
function databaseError(error: unknown, depth = 0): Found | undefined {
  if (depth > 6 || typeof error !== 'object' || error === null) return undefined;
  const record = error as Record<string, unknown>;
  for (const key of ['originalCode', 'code', 'sqlState']) {
    const value = record[key];
    if (typeof value === 'string' && NEVER_SUCCEEDS.test(value)) {
      const message = record.originalMessage ?? record.message;
      return { sqlState: value, message: typeof message === 'string' ? message : undefined };
    }
  }
  const meta = record.meta as Record<string, unknown> | undefined;
  return databaseError(record.cause, depth + 1) ?? databaseError(meta?.driverAdapterError, depth + 1);
}

/** The non-retryable failure `error` stands for, or undefined when a retry may succeed. */
export function neverSucceeds(error: unknown): ApplicationFailure | undefined {
  if (error instanceof ApplicationFailure) return undefined;
  const cause = error instanceof Error ? error : undefined;
  if (cause?.name === 'PrismaClientValidationError') {
    return ApplicationFailure.create({ type: ACTIVITY_FAILURE.invalidQuery, message: 'La richiesta al database non è valida: ripeterla non servirebbe.', nonRetryable: true, cause });
  }
  const found = databaseError(error) ?? (cause && REFUSED_TEXT.test(cause.message) ? { message: cause.message } : undefined);
  if (!found) return undefined;
  const code = found.sqlState ? ` (SQLSTATE ${found.sqlState})` : '';
  return ApplicationFailure.create({
    type: ACTIVITY_FAILURE.dataRefused,
    message: `Il database ha rifiutato i dati${code}: ${found.message ?? 'valore non ammesso'}. Un testo con caratteri non ammessi (per esempio il byte NUL) va corretto alla fonte.`,
    nonRetryable: true,
    details: [{ sqlState: found.sqlState ?? null }],
    cause,
  });
}

type AnyActivity = (...args: never[]) => Promise<unknown>;

/** Every activity of `activities`, with its failures classified by `neverSucceeds`. */
export function classifyFailures<T extends Record<string, AnyActivity>>(activities: T): T {
  const classified: Record<string, AnyActivity> = {};
  for (const [name, activity] of Object.entries(activities)) {
    classified[name] = async (...args) => {
      try {
        return await activity.apply(activities, args);
      } catch (error) {
        throw neverSucceeds(error) ?? error;
      }
    };
  }
  return classified as T;
}
