import { Browser } from '../../support/http-browser';
import { openTestDatabase, type TestDatabase } from './support/database';
import { createEnte, createUser, randomCodiceFiscale } from './support/fixtures';
import { formAction, me, openLoginPage, sessionId, signIn } from './support/login';
import { startPlatform, type RunningPlatform } from './support/platform';

// The whole sign-in, as a browser does it: PUSH → local SPID provider → PUSH, against a real
// PostgreSQL and a real OpenID Connect provider, both on free ports.

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

async function registeredReferente() {
  const ente = await createEnte(database.db, 'Comune di Bari');
  const user = await createUser(database.db, { nome: 'Maria', cognome: 'Lorusso', email: 'maria.lorusso@example.it' }, [
    { enteId: ente.id, ruolo: 'REFERENTE', area: 'PATRIMONIO' },
    { enteId: ente.id, ruolo: 'REFERENTE', area: 'CANTIERI' },
  ]);
  return { ente, user };
}

test('when the login page opens, then it lists the users of the database with their active roles, escaped', async () => {
  const { user } = await registeredReferente();
  const ente = await createEnte(database.db, 'ARCA <Nord> & "Salento"', 'ARCA');
  const tricky = await createUser(database.db, { nome: '<script>alert(1)</script>', cognome: "D'Amico" }, [
    { enteId: ente.id, ruolo: 'RAPPRESENTANTE_LEGALE' },
  ]);

  const page = await openLoginPage(new Browser(), platform);

  expect(page.response.status).toBe(200);
  expect(page.url.startsWith(platform.idp.issuer)).toBe(true);
  expect(page.body).toContain('<title>Accesso con SPID – ambiente di prova</title>');
  expect(page.body).toContain(`value="${user.codiceFiscale}"`);
  expect(page.body).toContain('Maria Lorusso');
  expect(page.body).toContain('Referente (Patrimonio, Cantieri) – Comune di Bari');
  expect(page.body).toContain(tricky.codiceFiscale);
  expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; D&#39;Amico');
  expect(page.body).toContain('Rappresentante legale – ARCA &lt;Nord&gt; &amp; &quot;Salento&quot;');
  expect(page.body).not.toContain('<script>alert(1)');
});

test('when a registered user picks their identity, then PUSH signs them in and /api/me returns them and their roles', async () => {
  const { ente, user } = await registeredReferente();
  const browser = new Browser();

  const arrival = await signIn(browser, platform, user.codiceFiscale, '/pratiche?stato=aperte');

  expect(arrival.url).toBe(`${platform.baseUrl}/pratiche?stato=aperte`);
  expect(arrival.hops.some((hop) => hop.startsWith(`${platform.baseUrl}/auth/callback?`))).toBe(true);
  const { status, body } = await me(browser, platform);
  expect(status).toBe(200);
  expect(body.user).toEqual({
    id: user.id,
    codiceFiscale: user.codiceFiscale,
    nome: 'Maria',
    cognome: 'Lorusso',
    nomeCompleto: 'Maria Lorusso',
  });
  const expectedRole = { enteId: ente.id, enteCodice: ente.codice, enteDenominazione: 'Comune di Bari', enteTipo: 'COMUNE', ruolo: 'REFERENTE' };
  const byArea = (a: { area: string }, b: { area: string }) => a.area.localeCompare(b.area);
  expect((body.roles as Array<{ area: string }>).sort(byArea)).toEqual([
    { ...expectedRole, area: 'CANTIERI' },
    { ...expectedRole, area: 'PATRIMONIO' },
  ]);
  expect(typeof body.csrfToken).toBe('string');
  const audit = await database.db.auditEvent.findMany({ where: { actorId: user.id, azione: 'ACCESSO' } });
  expect(audit).toHaveLength(1);
  expect(audit[0]?.details).toMatchObject({ codiceFiscale: user.codiceFiscale, livello: 'https://www.spid.gov.it/SpidL2' });
});

test('when the user signs in, then the session id changes and the session lives in the database', async () => {
  const { user } = await registeredReferente();
  const browser = new Browser();
  await openLoginPage(browser, platform);
  const before = sessionId(browser);

  await signIn(browser, platform, user.codiceFiscale);

  const after = sessionId(browser);
  expect(before).toBeDefined();
  expect(after).toBeDefined();
  expect(after).not.toBe(before);
  expect(await database.db.session.count({ where: { sid: before } })).toBe(0);
  const row = await database.db.session.findUnique({ where: { sid: after } });
  expect(row?.data).toMatchObject({ userId: user.id });
  expect(row?.expiresAt.getTime()).toBeGreaterThan(Date.now() + 7.9 * 60 * 60 * 1000);
});

test('when the identity is not registered in PUSH, then it signs in as a new user without roles', async () => {
  const browser = new Browser();
  const stranger = randomCodiceFiscale();
  const loginPage = await openLoginPage(browser, platform);

  const landed = await browser.visit(formAction(loginPage, 'custom'), {
    method: 'POST',
    body: new URLSearchParams({ codiceFiscale: stranger.toLowerCase(), nome: 'Nuova', cognome: 'Rappresentante', email: '' }),
  });

  expect(landed.url).toBe(`${platform.baseUrl}/`);
  const profile = await me(browser, platform);
  expect(profile.status).toBe(200);
  expect(profile.body).toMatchObject({ user: { codiceFiscale: stranger, nome: 'Nuova', cognome: 'Rappresentante' }, roles: [] });
  expect(await database.db.user.count({ where: { codiceFiscale: stranger } })).toBe(1);
  const audit = await database.db.auditEvent.findMany({ where: { azione: 'REGISTRAZIONE', details: { path: ['codiceFiscale'], equals: stranger } } });
  expect(audit).toHaveLength(1);
});

test('when another identity has an invalid codice fiscale, then the provider shows the form again with the reason', async () => {
  const browser = new Browser();
  const loginPage = await openLoginPage(browser, platform);

  const retry = await browser.visit(formAction(loginPage, 'custom'), {
    method: 'POST',
    body: new URLSearchParams({ codiceFiscale: 'NONVALIDO<>', nome: 'Anna', cognome: '' }),
  });

  expect(retry.response.status).toBe(422);
  expect(retry.body).toContain('Codice fiscale non valido');
  expect(retry.body).toContain('Indica il cognome.');
  expect(retry.body).toContain('value="NONVALIDO&lt;&gt;"');
});

test.each([['nome', 'Anna\u0000'], ['cognome', 'Ros\u0000si']])('when another identity’s %s holds unstorable text, then the provider shows the form again and nobody is registered', async (field, value) => {
  const browser = new Browser();
  const loginPage = await openLoginPage(browser, platform);
  const stranger = randomCodiceFiscale();

  const retry = await browser.visit(formAction(loginPage, 'custom'), {
    method: 'POST',
    body: new URLSearchParams({ codiceFiscale: stranger, nome: 'Anna', cognome: 'Rossi', [field]: value }),
  });

  expect(retry.response.status).toBe(422);
  expect(retry.body).toContain('contiene caratteri non ammessi');
  expect(await database.db.user.count({ where: { codiceFiscale: stranger } })).toBe(0);
});

test('when the user cancels at the provider, then PUSH says the login was cancelled', async () => {
  const browser = new Browser();
  const loginPage = await openLoginPage(browser, platform);

  const cancelled = await browser.visit(formAction(loginPage, 'abort'), { method: 'POST' });

  expect(cancelled.response.status).toBe(400);
  expect(cancelled.body).toContain('Accesso annullato');
  expect((await me(browser, platform)).status).toBe(401);
  // The login it answered is spent: the same answer again finds nothing to complete.
  expect(cancelled.url).toContain('/auth/callback?');
  const again = await browser.visit(cancelled.url);
  expect(again.response.status).toBe(400);
  expect(again.body).toContain('La richiesta di accesso è scaduta o non è valida');
});

test('when returnTo points to another site, then the login ends on the home page', async () => {
  const { user } = await registeredReferente();

  const arrival = await signIn(new Browser(), platform, user.codiceFiscale, '//evil.example/rubare');

  expect(arrival.url).toBe(`${platform.baseUrl}/`);
  expect(arrival.body).toBe('PUSH');
});

/** Follows the login's redirects by hand up to PUSH's callback, and returns the Location the callback sends. */
async function callbackLocation(codiceFiscale: string, returnTo: string): Promise<string | null> {
  const browser = new Browser();
  const loginPage = await openLoginPage(browser, platform, returnTo);
  let current = formAction(loginPage, 'select');
  let response = await browser.request(current, { method: 'POST', body: new URLSearchParams({ codiceFiscale }) });
  for (let hop = 0; hop < 20 && !current.startsWith(`${platform.baseUrl}/auth/callback`); hop += 1) {
    await response.arrayBuffer();
    current = new URL(response.headers.get('location') ?? '', current).href;
    response = await browser.request(current);
  }
  return response.headers.get('location');
}

test.each(['/.//evil.example', '/%2e//evil.example', '/a/..//evil.example', '/.\\/evil.example', '/.%2e//evil.example'])(
  'when returnTo is %p, which normalises to another host, then PUSH redirects to its home page',
  async (returnTo) => {
    const { user } = await registeredReferente();

    expect(await callbackLocation(user.codiceFiscale, returnTo)).toBe('/');
  },
);

test('when the callback carries a state PUSH never issued, then it is refused as expired, in JSON for API clients', async () => {
  const response = await fetch(`${platform.baseUrl}/auth/callback?code=abc&state=inventato`, {
    headers: { accept: 'application/json' },
  });

  expect(response.status).toBe(400);
  expect(await response.json()).toEqual({
    error: { code: 'ACCESSO_SCADUTO', message: 'La richiesta di accesso è scaduta o non è valida: accedi di nuovo.' },
  });
});

test('when an authorization request lacks PKCE, then the provider refuses it', async () => {
  const authorize = new URL('/auth', platform.idp.issuer);
  authorize.search = new URLSearchParams({
    client_id: 'push',
    response_type: 'code',
    scope: 'openid',
    redirect_uri: `${platform.baseUrl}/auth/callback`,
    state: 'senza-pkce',
  }).toString();

  const response = await fetch(authorize, { redirect: 'manual' });

  const location = new URL(response.headers.get('location') ?? '', authorize);
  expect(location.origin + location.pathname).toBe(`${platform.baseUrl}/auth/callback`);
  expect(location.searchParams.get('error')).toBe('invalid_request');
  expect(location.searchParams.get('error_description')).toMatch(/PKCE/);
});

test('when the login page is opened without its interaction cookie, then the provider says the request expired', async () => {
  const loginPage = await openLoginPage(new Browser(), platform);

  const elsewhere = await new Browser().visit(loginPage.url);

  expect(elsewhere.response.status).toBe(400);
  expect(elsewhere.body).toContain('La richiesta di accesso è scaduta o non è più valida');
});
