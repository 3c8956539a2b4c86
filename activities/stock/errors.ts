import { ApplicationFailure } from '@temporalio/common';

/**
 * The stock's failures. The business rejections are non-retryable: a retry would be refused the same way.
 * A failure of the database itself (connection lost, server restarting) is thrown as it comes, so
 * Temporal retries the activity — safe, because every write here is one transaction and idempotent.
 */
export const STOCK_FAILURE = {
  /** The (ente, reference date) already holds a snapshot with another content or of another procedure. */
  snapshotExists: 'STOCK_SNAPSHOT_GIA_PRESENTE',
  /** NESSUNA_VARIAZIONE asked for an ente that never transmitted before that date. */
  noPreviousSnapshot: 'STOCK_NESSUNO_SNAPSHOT_PRECEDENTE',
  /** A record the database refuses: a value outside an enum, a duplicate code, a malformed date. */
  invalidRows: 'STOCK_RIGHE_NON_VALIDE',
  /** A malformed argument: a date not in YYYY-MM-DD form, a page size out of range. */
  invalidRequest: 'STOCK_RICHIESTA_NON_VALIDA',
  /** Retryable: a concurrent write made the snapshot appear and vanish under this call. */
  concurrentChange: 'STOCK_MODIFICA_CONCORRENTE',
} as const;

export function stockRejection(code: string, message: string, cause?: Error): ApplicationFailure {
  return ApplicationFailure.create({ type: code, message, nonRetryable: true, cause });
}

export function stockRetryable(code: string, message: string): ApplicationFailure {
  return ApplicationFailure.create({ type: code, message, nonRetryable: false });
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A calendar date as YYYY-MM-DD, checked for real (no 2025-02-30), or a rejection naming the field. */
export function requireIsoDate(value: string, field: string): string {
  const parsed = ISO_DATE.test(value) ? new Date(`${value}T00:00:00Z`) : undefined;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
    throw stockRejection(STOCK_FAILURE.invalidRequest, `${field}: «${value}» non è una data valida nel formato AAAA-MM-GG.`);
  }
  return value;
}
