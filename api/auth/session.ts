import type { Request, RequestHandler } from 'express';
import session from 'express-session';
import type { Db } from '../../prisma/client';
import { PrismaSessionStore } from './session-store';

export const SESSION_COOKIE = 'push.sid';
/** A working day: the session lives while the user is active (rolling) and ends 8 hours after the last request. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

/** A login started at the identity provider, keyed by its `state` so two tabs can log in at once. */
export interface PendingLogin {
  codeVerifier: string;
  nonce: string;
  returnTo: string;
  startedAt: number;
}

declare module 'express-session' {
  interface SessionData {
    userId: string;
    csrfToken: string;
    pendingLogins: Record<string, PendingLogin>;
  }
}

export function createSessionMiddleware(options: { db: Db; secret: string; secure: boolean }): RequestHandler {
  return session({
    name: SESSION_COOKIE,
    secret: options.secret,
    store: new PrismaSessionStore(options.db, { fallbackTtlMs: SESSION_TTL_MS }),
    resave: false,
    saveUninitialized: false,
    rolling: true,
    unset: 'destroy',
    cookie: { httpOnly: true, sameSite: 'lax', secure: options.secure, maxAge: SESSION_TTL_MS, path: '/' },
  });
}

// express-session's methods take callbacks; the route handlers are async.

export function regenerateSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.regenerate((error: unknown) => (error ? reject(error) : resolve())));
}

export function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((error: unknown) => (error ? reject(error) : resolve())));
}

export function destroySession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.destroy((error: unknown) => (error ? reject(error) : resolve())));
}
