import { randomUUID } from 'node:crypto';
import { signedCookieValue } from '../../../api/auth/session-cookie';
import { AppError } from '../../../api/errors';
import { Browser } from '../../support/http-browser';
import { openTestDatabase, type TestDatabase } from './support/database';
import { createEnte, createUser } from './support/fixtures';
import { me, sessionId, signIn } from './support/login';
import { startPlatform, type RunningPlatform } from './support/platform';

// What a session allows once signed in: the CSRF token, requireActor reading roles afresh, logout.

let database: TestDatabase;
let platform: RunningPlatform;

beforeAll(async () => {
  database = await openTestDatabase();
  platform = await startPlatform(database.db);
}, 60_000);

afterAll(async () => {
  await platform?.close();
  await database?.close();
});

async function signedInIstruttore() {
  const regione = await createEnte(database.db, 'Regione Puglia', 'REGIONE');
  const comune = await createEnte(database.db, 'Comune di Lecce');
  const user = await createUser(database.db, { nome: 'Paolo', cognome: 'De Santis' }, [
    { enteId: regione.id, ruolo: 'ISTRUTTORE' },
    { enteId: comune.id, ruolo: 'REFERENTE', area: 'FONDO_AFFITTI' },
  ]);
  const browser = new Browser();
  await signIn(browser, platform, user.codiceFiscale);
  const { body } = await me(browser, platform);
  return { browser, user, regione, comune, csrfToken: String(body.csrfToken) };
}

function post(browser: Browser, path: string, headers: Record<string, string> = {}) {
  return browser.request(`${platform.baseUrl}${path}`, { method: 'POST', headers: { accept: 'application/json', ...headers } });
}

test('when nobody is signed in, then /api/me answers 401 in Italian', async () => {
  const { status, body } = await me(new Browser(), platform);

  expect(status).toBe(401);
  expect(body).toEqual({ error: { code: 'NON_AUTENTICATO', message: 'Sessione assente o scaduta: accedi di nuovo.' } });
});

test('when nobody is signed in, then a protected POST answers 401, not a CSRF error', async () => {
  const response = await post(new Browser(), '/api/prova');

  expect(response.status).toBe(401);
  expect(await response.json()).toMatchObject({ error: { code: 'NON_AUTENTICATO' } });
});

test('when a POST carries a wrong or no CSRF token, then it is refused with 403; with the right one it passes', async () => {
  const { browser, user, csrfToken } = await signedInIstruttore();

  const wrong = await post(browser, '/api/prova', { 'x-csrf-token': `${csrfToken}x` });
  const missing = await post(browser, '/api/prova');
  // As long as the right one, one character different.
  const alike = await post(browser, '/api/prova', { 'x-csrf-token': `${csrfToken.slice(0, -1)}${csrfToken.endsWith('A') ? 'B' : 'A'}` });
  const right = await post(browser, '/api/prova', { 'x-csrf-token': csrfToken });

  expect(wrong.status).toBe(403);
  expect(await wrong.json()).toEqual({
    error: { code: 'CSRF_NON_VALIDO', message: 'Token di sicurezza mancante o non valido: ricarica la pagina.' },
  });
  expect(missing.status).toBe(403);
  expect(alike.status).toBe(403);
  expect(right.status).toBe(200);
  expect(await right.json()).toEqual({ ok: true, userId: user.id });
});

test('when requests follow a sign-in, then no answer sets the cookie again; a forged or altered cookie signs nobody in', async () => {
  const { browser, user } = await signedInIstruttore();
  const cookie = browser.cookie('localhost', 'push.sid') ?? '';

  const again = await browser.request(`${platform.baseUrl}/api/me`, { headers: { accept: 'application/json' } });
  expect(again.status).toBe(200);
  // The sign-in moved the expiry a moment ago: nothing to re-send, no signature computed.
  expect(again.headers.getSetCookie()).toEqual([]);

  const forged = await fetch(`${platform.baseUrl}/api/me`, { headers: { cookie: `push.sid=${cookie.slice(0, -2)}xx` } });
  expect(forged.status).toBe(401);
  const otherSecret = signedCookieValue(sessionId(browser) ?? '', 'un-altro-segreto-lungo-almeno-trentadue-caratteri');
  expect((await fetch(`${platform.baseUrl}/api/me`, { headers: { cookie: `push.sid=${otherSecret}` } })).status).toBe(401);
  expect((await database.db.session.findMany({ where: { data: { path: ['userId'], equals: user.id } } })).length).toBe(1);
});

test('when a session was last moved over a minute ago, then the answer moves its expiry 8 hours ahead and re-sends the same cookie value', async () => {
  const { user } = await signedInIstruttore();
  const sid = randomUUID();
  await database.db.session.create({ data: { sid, data: { userId: user.id, csrfToken: 'token' }, expiresAt: new Date(Date.now() + 60_000) } });
  const value = signedCookieValue(sid, 'una-chiave-di-sessione-di-prova-lunga-almeno-32-caratteri');

  const before = Date.now();
  const response = await fetch(`${platform.baseUrl}/api/me`, { headers: { cookie: `push.sid=${value}`, accept: 'application/json' } });
  expect(response.status).toBe(200);
  const [setCookie] = response.headers.getSetCookie();
  expect(setCookie?.startsWith(`push.sid=${value}; Path=/; Expires=`)).toBe(true);
  expect(setCookie).toMatch(/; HttpOnly; SameSite=Lax$/);
  const cookieExpiry = Date.parse(/Expires=([^;]+)/.exec(setCookie ?? '')?.[1] ?? '');
  const rowExpiry = (await database.db.session.findUniqueOrThrow({ where: { sid } })).expiresAt.getTime();
  // The cookie's expiry is the row's, to the second the cookie's format keeps.
  expect(Math.abs(cookieExpiry - rowExpiry)).toBeLessThan(1000);
  expect(rowExpiry).toBeGreaterThanOrEqual(before + 8 * 60 * 60 * 1000 - 1000);
});

test('when a role is revoked, then it disappears from /api/me, req.actor and loadActor at once', async () => {
  const { browser, user, regione, comune } = await signedInIstruttore();
  const actorBefore = await (await browser.request(`${platform.baseUrl}/api/actor`)).json();
  expect(actorBefore).toEqual({
    userId: user.id,
    codiceFiscale: user.codiceFiscale,
    nomeCompleto: 'Paolo De Santis',
    roles: expect.arrayContaining([
      { enteId: regione.id, ruolo: 'ISTRUTTORE', area: null },
      { enteId: comune.id, ruolo: 'REFERENTE', area: 'FONDO_AFFITTI' },
    ]),
    // Nobody away has named them their substitute.
    sostituisce: [],
  });

  await database.db.roleAssignment.updateMany({
    where: { userId: user.id, enteId: comune.id },
    data: { revokedAt: new Date() },
  });

  const { body } = await me(browser, platform);
  expect(body.roles).toEqual([
    { enteId: regione.id, enteCodice: regione.codice, enteDenominazione: 'Regione Puglia', enteTipo: 'REGIONE', ruolo: 'ISTRUTTORE', area: null },
  ]);
  const actorAfter = (await (await browser.request(`${platform.baseUrl}/api/actor`)).json()) as { roles: unknown };
  expect(actorAfter.roles).toEqual([{ enteId: regione.id, ruolo: 'ISTRUTTORE', area: null }]);
  expect((await platform.auth.loadActor(user.id)).roles).toEqual([{ enteId: regione.id, ruolo: 'ISTRUTTORE', area: null }]);
});

test('when loadActor is asked for a user that does not exist, then it rejects with the 401 AppError', async () => {
  await expect(platform.auth.loadActor('00000000-0000-0000-0000-000000000000')).rejects.toEqual(
    new AppError('NON_AUTENTICATO', 401, 'Sessione assente o scaduta: accedi di nuovo.'),
  );
});

test('when the user logs out, then the session is destroyed and the provider sends the browser back home', async () => {
  const { browser, user, csrfToken } = await signedInIstruttore();
  const sid = sessionId(browser) ?? '';
  expect(await database.db.session.count({ where: { sid } })).toBe(1);

  const refused = await post(browser, '/auth/logout');
  expect(refused.status).toBe(403);
  expect((await me(browser, platform)).status).toBe(200);

  const response = await post(browser, '/auth/logout', { 'x-csrf-token': csrfToken });
  expect(response.status).toBe(200);
  const { logoutUrl } = (await response.json()) as { logoutUrl: string };
  const endSession = new URL(logoutUrl);
  expect(`${endSession.origin}${endSession.pathname}`).toBe(`${platform.idp.issuer}/session/end`);
  expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${platform.baseUrl}/`);
  expect(endSession.searchParams.get('client_id')).toBe('push');
  expect((await me(browser, platform)).status).toBe(401);
  expect(await database.db.session.count({ where: { sid } })).toBe(0);
  expect(browser.cookie('localhost', 'push.sid')).toBeUndefined();
  expect(await database.db.auditEvent.count({ where: { actorId: user.id, azione: 'USCITA' } })).toBe(1);

  // The provider's page submits itself in a browser; here the test submits the same form.
  const logoutPage = await browser.visit(logoutUrl);
  expect(logoutPage.body).toContain('Uscita in corso');
  const action = /<form id="op.logoutForm" method="post" action="([^"]+)">/.exec(logoutPage.body)?.[1];
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(logoutPage.body)?.[1];
  const home = await browser.visit(action ?? 'missing-action', {
    method: 'POST',
    body: new URLSearchParams({ xsrf: xsrf ?? '', logout: 'yes' }),
  });
  expect(home.url).toBe(`${platform.baseUrl}/`);
  expect(home.body).toBe('PUSH');
});
