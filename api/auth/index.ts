import type { RequestHandler, Router } from 'express';
import type { Db } from '../../prisma/client';
import type { Actor } from '../../workflows/shared/actor';
import { loadActor, requireActorMiddleware } from './actor';
import { csrfProtection } from './csrf';
import { OidcClient } from './oidc-client';
import { authRouter } from './routes';
import { createSessionMiddleware } from './session';

// Sign-in for PUSH as an OpenID Connect relying party of the regional SPID/CIE broker (or the local
// test provider in platform/identity-provider.ts). Mount, in this order:
//   app.use(auth.session); app.use(auth.router); app.use('/api', auth.csrf, auth.requireActor, …routes);
// and api/errors.ts's errorHandler last.

export { actorOf, notSignedIn } from './request';
export { authUrls } from './routes';
export { SESSION_COOKIE } from './session-cookie';
export { CSRF_HEADER } from './csrf';

export interface AuthOptions {
  db: Db;
  /** Where browsers reach PUSH, e.g. https://push.regione.puglia.it: the callback and logout return here. */
  publicUrl: string;
  oidc: { issuer: string; clientId: string; clientSecret: string };
  /** At least 32 characters: signs the session cookie. */
  sessionSecret: string;
  /** true whenever browsers reach PUSH over https (behind a proxy, also set Express's `trust proxy`). */
  secureCookies: boolean;
}

export interface Auth {
  /** The session over the database, cookie `push.sid` (./session.ts). */
  session: RequestHandler;
  /** GET /auth/login, GET /auth/callback, POST /auth/logout, GET /api/me. */
  router: Router;
  /** 401 without a signed-in user; otherwise sets `req.actor`, read fresh from the database. */
  requireActor: RequestHandler;
  /** 403 on a state-changing request of a signed-in user without the session's X-CSRF-Token. */
  csrf: RequestHandler;
  loadActor(userId: string): Promise<Actor>;
}

export async function createAuth(options: AuthOptions): Promise<Auth> {
  if (options.sessionSecret.length < 32) {
    throw new Error('sessionSecret must be at least 32 characters long');
  }
  const publicUrl = new URL(options.publicUrl);
  if (publicUrl.search || publicUrl.hash) {
    throw new Error(`publicUrl must be a plain base URL, got ${options.publicUrl}`);
  }
  // Discovery is deliberately not awaited here: the identity provider may not be up yet.
  const oidc = new OidcClient(options.oidc);
  return {
    session: createSessionMiddleware({ db: options.db, secret: options.sessionSecret, secure: options.secureCookies }),
    router: authRouter({ db: options.db, oidc, publicUrl: options.publicUrl }),
    requireActor: requireActorMiddleware(options.db),
    csrf: csrfProtection,
    loadActor: (userId) => loadActor(options.db, userId),
  };
}
