import type { Request } from 'express';
import { AppError } from '../errors';

const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The request's `Idempotency-Key` header: the client sends one per submission attempt and the same one
 * when it retries, so a retried request never starts a second procedure. Absent: null.
 */
export function idempotencyKeyOf(req: Request): string | null {
  const key = req.get('Idempotency-Key');
  if (key === undefined) return null;
  if (!KEY.test(key)) {
    throw new AppError('DATI_NON_VALIDI', 422, 'Idempotency-Key: usa da 1 a 255 caratteri stampabili senza spazi (per esempio un UUID).', 'Idempotency-Key');
  }
  return key;
}
