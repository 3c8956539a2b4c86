import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Response } from 'express';

// The session cookie: `push.sid=s:<id>.<HMAC-SHA256 of the id, base64 without padding>`, URL-encoded — the
// format express-session used, so sessions opened before survive. Read with one HMAC and a constant-time
// comparison; express-session spent an HMAC and two SHA-1 to read it and another HMAC to sign it again on
// every answer (a tenth of the API's time in a profiled burst of submissions).

export const SESSION_COOKIE = 'push.sid';
const COOKIE_PATTERN = /(?:^|;)\s*push\.sid=([^;]*)/;

export function newSessionId(): string {
  return randomBytes(24).toString('base64url');
}

export function signedCookieValue(sid: string, secret: string): string {
  return encodeURIComponent(`s:${sid}.${signatureOf(sid, secret)}`);
}

/** The session id of a request's Cookie header when its signature holds; otherwise undefined. */
export function sessionIdOf(cookieHeader: string | undefined, secret: string): { sid: string; cookieValue: string } | undefined {
  const cookieValue = cookieHeader ? COOKIE_PATTERN.exec(cookieHeader)?.[1]?.trim() : undefined;
  if (!cookieValue) return undefined;
  let value: string;
  try {
    value = decodeURIComponent(cookieValue);
  } catch {
    return undefined;
  }
  const dot = value.lastIndexOf('.');
  if (!value.startsWith('s:') || dot < 2) return undefined;
  const sid = value.slice(2, dot);
  const [given, expected] = [Buffer.from(value.slice(dot + 1)), Buffer.from(signatureOf(sid, secret))];
  return given.length === expected.length && timingSafeEqual(given, expected) ? { sid, cookieValue } : undefined;
}

export interface CookieOptions {
  secure: boolean;
}

/**
 * Sets the session cookie on the answer (replacing one set earlier in the same answer): `value` is the signed,
 * encoded value; `expires` undefined clears the cookie.
 */
export function putSessionCookie(res: Response, value: string, expires: Date | undefined, options: CookieOptions): void {
  const cookie = [
    `${SESSION_COOKIE}=${expires ? value : ''}`,
    'Path=/',
    `Expires=${(expires ?? new Date(0)).toUTCString()}`,
    'HttpOnly',
    ...(options.secure ? ['Secure'] : []),
    'SameSite=Lax',
  ].join('; ');
  const others = ([] as string[]).concat(res.getHeader('Set-Cookie') as string[] | string | undefined ?? []);
  res.setHeader('Set-Cookie', [...others.filter((header) => !header.startsWith(`${SESSION_COOKIE}=`)), cookie]);
}

function signatureOf(sid: string, secret: string): string {
  return createHmac('sha256', secret).update(sid).digest('base64').replace(/=+$/, '');
}
