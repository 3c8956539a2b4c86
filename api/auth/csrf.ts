import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { AppError } from '../errors';

export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison of the bytes. Every token has the same length (newCsrfToken), so comparing lengths
 * first reveals nothing; hashing both instead cost two hash objects per change request (a profiled burst).
 */
function sameToken(given: string, expected: string): boolean {
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * A state-changing request of a signed-in user must carry the session's token in `X-CSRF-Token`:
 * another site can make the browser send the cookie, but cannot read the token from /api/me.
 * Without a signed-in user there is no authority to forge, and `requireActor` answers 401 instead.
 */
export const csrfProtection: RequestHandler = (req, _res, next) => {
  if (SAFE_METHODS.has(req.method) || !req.session?.userId) {
    next();
    return;
  }
  const expected = req.session.csrfToken;
  const given = req.get(CSRF_HEADER);
  if (!expected || !given || !sameToken(given, expected)) {
    throw new AppError('CSRF_NON_VALIDO', 403, 'Token di sicurezza mancante o non valido: ricarica la pagina.');
  }
  next();
};
