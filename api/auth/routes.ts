import { Router } from 'express';
import type { Db } from '../../prisma/client';
import { AppError } from '../errors';
import { loadProfile } from './actor';
import { csrfProtection, newCsrfToken } from './csrf';
import { completeLogin, findUserId, registerUser, startLogin, takePendingLogin } from './login';
import type { OidcClient } from './oidc-client';
import { errorPages } from './pages';
import { notSignedIn } from './request';
import { destroySession, regenerateSession, saveSession } from './session';
import type { Me } from './views';

/** The platform's URLs the identity provider must know: register these for the client. */
export function authUrls(publicUrl: string): { redirectUri: string; postLogoutRedirectUri: string; loginUrl: string } {
  const base = publicUrl.replace(/\/+$/, '');
  return { redirectUri: `${base}/auth/callback`, postLogoutRedirectUri: `${base}/`, loginUrl: `${base}/auth/login` };
}

export function authRouter(options: { db: Db; oidc: OidcClient; publicUrl: string }): Router {
  const { db, oidc } = options;
  const urls = authUrls(options.publicUrl);
  const router = Router();

  router.get('/auth/login', async (req, res) => {
    const authorizationUrl = await startLogin(req, oidc, urls.redirectUri);
    // The pending login must be stored before the browser can come back with the code.
    await saveSession(req);
    res.redirect(authorizationUrl.href);
  });

  router.get('/auth/callback', async (req, res) => {
    const pending = takePendingLogin(req);
    // Spent at once, also when the login fails below (a refused level, an error of the provider).
    await saveSession(req);
    const identity = await completeLogin(req, oidc, urls.redirectUri, pending);
    // A first sign-in registers the person with no roles: enough to request an ente's accreditation,
    // nothing more until the Region accredits the ente or a legal representative names them referente.
    const userId = (await findUserId(db, identity.codiceFiscale)) ?? (await registerUser(db, identity, req.ip));
    await db.auditEvent.create({
      data: {
        actorId: userId,
        azione: 'ACCESSO',
        oggetto: `Utente ${userId}`,
        details: { codiceFiscale: identity.codiceFiscale, livello: identity.acr, ip: req.ip },
      },
    });
    // A new session id at login: an id planted before login (session fixation) is worth nothing after.
    await regenerateSession(req);
    req.session.userId = userId;
    req.session.csrfToken = newCsrfToken();
    await saveSession(req);
    res.redirect(pending.login.returnTo);
  });

  router.use('/auth', errorPages({ home: urls.postLogoutRedirectUri, login: urls.loginUrl }));

  router.post('/auth/logout', csrfProtection, async (req, res) => {
    const userId = req.session?.userId;
    // The session ends (its row, its cookie) first: a failure afterwards must not leave the user signed in.
    await destroySession(req);
    if (userId) {
      await db.auditEvent.create({
        data: { actorId: userId, azione: 'USCITA', oggetto: `Utente ${userId}`, details: { ip: req.ip } },
      });
    }
    res.json({ logoutUrl: await endSessionUrl(oidc, urls.postLogoutRedirectUri) });
  });

  router.get('/api/me', async (req, res) => {
    const userId = req.session?.userId;
    // A session without its CSRF token is not a signed-in one: the next state-changing request could not pass.
    const csrfToken = req.session?.csrfToken;
    if (!userId || !csrfToken) throw notSignedIn();
    const profile = await loadProfile(db, userId);
    const me: Me = { ...profile, csrfToken };
    res.json(me);
  });

  return router;
}

/**
 * Where the browser goes to end its session at the identity provider, then back to PUSH's home page.
 * If the provider cannot be reached (already logged by the discovery), the local sign-out still
 * stands and the browser simply goes home.
 */
async function endSessionUrl(oidc: OidcClient, postLogoutRedirectUri: string): Promise<string> {
  try {
    const { lib, config } = await oidc.connect();
    return lib.buildEndSessionUrl(config, { post_logout_redirect_uri: postLogoutRedirectUri }).href;
  } catch (error) {
    if (error instanceof AppError && error.code === 'IDP_NON_DISPONIBILE') return postLogoutRedirectUri;
    throw error;
  }
}
