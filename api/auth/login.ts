import type { Request } from 'express';
import type { Db } from '../../prisma/client';
import { AppError } from '../errors';
import { identityProviderUnavailable, type OidcClient, type OpenIdClient } from './oidc-client';
import { safeReturnTo } from './return-to';
import type { PendingLogin } from './session';

// The relying-party half of the login: build the authorization request (PKCE S256, state, nonce),
// then check the answer and find the PUSH user whose codice fiscale the identity provider asserted.

/** SPID level 2 or above; CIE asserts its levels with the same URIs. */
const SPID_LEVELS_ACCEPTED = new Set(['https://www.spid.gov.it/SpidL2', 'https://www.spid.gov.it/SpidL3']);
const REQUESTED_LEVEL = 'https://www.spid.gov.it/SpidL2';
const PENDING_LOGIN_TTL_MS = 15 * 60 * 1000;
const MAX_PENDING_LOGINS = 5;

export const loginExpired = () =>
  new AppError('ACCESSO_SCADUTO', 400, 'La richiesta di accesso è scaduta o non è valida: accedi di nuovo.');

/** Keeps the few most recent unexpired logins, so abandoned attempts do not pile up in the session. */
function livePendingLogins(pending: Record<string, PendingLogin> | undefined, now: number): Record<string, PendingLogin> {
  const live = Object.entries(pending ?? {})
    .filter(([, login]) => now - login.startedAt < PENDING_LOGIN_TTL_MS)
    .sort(([, a], [, b]) => b.startedAt - a.startedAt)
    .slice(0, MAX_PENDING_LOGINS - 1);
  return Object.fromEntries(live);
}

/** Records a new login in the session and returns the identity provider's authorization URL. */
export async function startLogin(req: Request, oidc: OidcClient, redirectUri: string): Promise<URL> {
  const { lib, config } = await oidc.connect();
  const state = lib.randomState();
  const codeVerifier = lib.randomPKCECodeVerifier();
  const nonce = lib.randomNonce();
  const now = Date.now();
  req.session.pendingLogins = {
    ...livePendingLogins(req.session.pendingLogins, now),
    [state]: { codeVerifier, nonce, returnTo: safeReturnTo(req.query.returnTo), startedAt: now },
  };
  return lib.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: 'openid profile email',
    code_challenge: await lib.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    // SPID authenticates afresh for every service access; it also lets a tester switch identity.
    prompt: 'login',
    acr_values: REQUESTED_LEVEL,
  });
}

/** Takes (once) the pending login the callback's state refers to. */
export function takePendingLogin(req: Request): { state: string; login: PendingLogin } {
  const state = typeof req.query.state === 'string' ? req.query.state : '';
  const login = req.session.pendingLogins?.[state];
  if (!login) throw loginExpired();
  const { [state]: _taken, ...rest } = req.session.pendingLogins ?? {};
  req.session.pendingLogins = rest;
  if (Date.now() - login.startedAt >= PENDING_LOGIN_TTL_MS) throw loginExpired();
  return { state, login };
}

export interface AssertedIdentity {
  codiceFiscale: string;
  acr: string;
  nome: string;
  cognome: string;
  email: string | null;
}

/** Exchanges the code and reads the identity; every failure becomes an Italian AppError (and a log line). */
export async function completeLogin(
  req: Request,
  oidc: OidcClient,
  redirectUri: string,
  pending: { state: string; login: PendingLogin },
): Promise<AssertedIdentity> {
  const { lib, config } = await oidc.connect();
  // The redirect URI as registered, plus the query the provider sent: what openid-client must verify.
  const currentUrl = new URL(redirectUri);
  currentUrl.search = new URL(req.originalUrl, currentUrl).search;
  try {
    const tokens = await lib.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: pending.login.codeVerifier,
      expectedState: pending.state,
      expectedNonce: pending.login.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new AppError('ACCESSO_NON_RIUSCITO', 502, 'Il servizio di identità non ha restituito un ID token.');
    const acr = typeof idClaims.acr === 'string' ? idClaims.acr : '';
    if (!SPID_LEVELS_ACCEPTED.has(acr)) {
      throw new AppError('LIVELLO_SPID_INSUFFICIENTE', 403, 'Per accedere a PUSH serve SPID di livello 2 o superiore, oppure la CIE.');
    }
    const userInfo = await lib.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    const claims = { ...idClaims, ...userInfo };
    const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
    return {
      codiceFiscale: codiceFiscaleOf(claims),
      acr,
      nome: text(claims.given_name),
      cognome: text(claims.family_name),
      email: text(claims.email) || null,
    };
  } catch (error) {
    throw asLoginError(lib, error);
  }
}

/** SPID asserts `fiscal_number` as "TINIT-<codice fiscale>"; a provider without it uses the CF as subject. */
export function codiceFiscaleOf(claims: { sub: string; fiscal_number?: unknown }): string {
  const fiscalNumber = typeof claims.fiscal_number === 'string' ? claims.fiscal_number.trim() : '';
  const codiceFiscale = (fiscalNumber ? fiscalNumber.replace(/^TINIT-/i, '') : claims.sub).trim().toUpperCase();
  if (!codiceFiscale) {
    throw new AppError('ACCESSO_NON_RIUSCITO', 502, 'Il servizio di identità non ha comunicato il codice fiscale.');
  }
  return codiceFiscale;
}

function asLoginError(lib: OpenIdClient, error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof lib.AuthorizationResponseError) {
    if (error.error === 'access_denied') {
      return new AppError('ACCESSO_ANNULLATO', 400, 'Accesso annullato: nessuna identità è stata confermata.');
    }
    console.warn('[auth] the identity provider refused the login', error.error, error.error_description);
    return new AppError('ACCESSO_NON_RIUSCITO', 400, `Il servizio di identità ha rifiutato l'accesso (${error.error}).`);
  }
  if (error instanceof lib.ResponseBodyError || error instanceof lib.ClientError) {
    console.warn('[auth] login response rejected', error);
    return new AppError('ACCESSO_NON_RIUSCITO', 400, 'Accesso non riuscito: la risposta del servizio di identità non è valida o è scaduta. Riprova.');
  }
  console.error('[auth] login failed talking to the identity provider', error);
  return identityProviderUnavailable();
}

/** Registers a person on their first sign-in, without roles; the row and its audit land together. */
export async function registerUser(db: Db, identity: AssertedIdentity, ip: string | undefined): Promise<string> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.upsert({
      where: { codiceFiscale: identity.codiceFiscale },
      update: {},
      create: { codiceFiscale: identity.codiceFiscale, nome: identity.nome || identity.codiceFiscale, cognome: identity.cognome, email: identity.email },
    });
    await tx.auditEvent.create({
      data: { actorId: user.id, azione: 'REGISTRAZIONE', oggetto: `Utente ${user.id}`, details: { codiceFiscale: identity.codiceFiscale, ip: ip ?? null } },
    });
    return user.id;
  });
}

export async function findUserId(db: Db, codiceFiscale: string): Promise<string | null> {
  const user = await db.user.findUnique({ where: { codiceFiscale }, select: { id: true } });
  return user?.id ?? null;
}
