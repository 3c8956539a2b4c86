import type { Request, RequestHandler } from 'express';
import type { Db } from '../../prisma/client';
import { actorReadWithSession } from './actor';
import { newSessionId, putSessionCookie, sessionIdOf, signedCookieValue } from './session-cookie';
import { SessionStore } from './session-store';

/** A working day: the session lives while the user is active and ends 8 hours after the last request. */
export const SESSION_TTL_MS = 8 * 60 * 60 * 1000;

/** A login started at the identity provider, keyed by its `state` so two tabs can log in at once. */
export interface PendingLogin {
  codeVerifier: string;
  nonce: string;
  returnTo: string;
  startedAt: number;
}

/** What a session holds: JSON, stored in the `Session` table. */
export interface SessionData {
  userId?: string;
  csrfToken?: string;
  pendingLogins?: Record<string, PendingLogin>;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The request's session: empty without one. Changes are stored by `saveSession` only. */
      session: SessionData;
    }
  }
}

interface SessionState {
  /** Undefined until a session without a cookie is saved (no row, no cookie for a mere visit). */
  sid?: string;
  store: SessionStore;
  secret: string;
  secure: boolean;
}

const states = new WeakMap<Request, SessionState>();

/**
 * Reads the session named by the signed `push.sid` cookie, with its person, into `req.session`. Nothing is
 * stored implicitly: the routes that change a session save it (sign-in, a login started). The expiry rolls:
 * at most once a minute the read moves it 8 hours ahead and the answer re-sends the cookie — its value as
 * received, so no signature is computed for a request that only reads.
 */
export function createSessionMiddleware(options: { db: Db; secret: string; secure: boolean }): RequestHandler {
  const store = new SessionStore(options.db, { ttlMs: SESSION_TTL_MS });
  const { secret, secure } = options;
  return (req, res, next) => {
    const cookie = sessionIdOf(req.headers.cookie, secret);
    const state: SessionState = { store, secret, secure };
    states.set(req, state);
    req.session = {};
    if (!cookie) return next();
    store.read(cookie.sid).then((found) => {
      if (!found) return next();
      req.session = found.data;
      state.sid = cookie.sid;
      if (found.actor) actorReadWithSession.set(req, found.actor);
      if (found.touchedUntil) putSessionCookie(res, cookie.cookieValue, found.touchedUntil, { secure });
      next();
    }, next);
  };
}

function stateOf(req: Request): SessionState {
  const state = states.get(req);
  if (!state) throw new Error('the session middleware has not run for this request');
  return state;
}

/**
 * Stores the session. A new one — or one whose row is gone meanwhile (a logout in another tab) — gets a new
 * id and its cookie now, before the answer is sent.
 */
export async function saveSession(req: Request): Promise<void> {
  const state = stateOf(req);
  if (state.sid && (await state.store.update(state.sid, req.session))) return;
  state.sid = newSessionId();
  const expiresAt = await state.store.create(state.sid, req.session);
  if (req.res) putSessionCookie(req.res, signedCookieValue(state.sid, state.secret), expiresAt, state);
}

/** Ends the session and starts an empty one, which gets a new id when saved (no session fixation). */
export async function regenerateSession(req: Request): Promise<void> {
  await endSession(req);
}

/** Deletes the session's row and clears its cookie. */
export async function destroySession(req: Request): Promise<void> {
  await endSession(req);
  if (req.res) putSessionCookie(req.res, '', undefined, stateOf(req));
}

async function endSession(req: Request): Promise<void> {
  const state = stateOf(req);
  if (state.sid) await state.store.destroy(state.sid);
  state.sid = undefined;
  req.session = {};
  actorReadWithSession.delete(req);
}
