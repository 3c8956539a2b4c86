import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { authUrls, createAuth } from '../../../api/auth';
import { errorHandler } from '../../../api/errors';
import { startIdentityProvider, type RunningIdentityProvider } from '../../../platform/identity-provider';
import { openTestDatabase, type TestDatabase } from './support/database';

// The API may start before the identity provider: discovery waits for the first login and retries.

let database: TestDatabase;
let idp: RunningIdentityProvider | undefined;
const servers: Array<{ close(): void; closeAllConnections(): void }> = [];

beforeAll(async () => {
  database = await openTestDatabase();
}, 60_000);

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    server.close();
  }
  await idp?.close();
  await database?.close();
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve, reject) => probe.close((error) => (error ? reject(error) : resolve())));
  return port;
}

test('when the identity provider is down at first, then login answers 503 and works once it is up', async () => {
  const idpPort = await freePort();
  const app = express();
  const server = createServer(app);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://localhost:${(server.address() as AddressInfo).port}`;
  const auth = await createAuth({
    db: database.db,
    publicUrl: baseUrl,
    oidc: { issuer: `http://localhost:${idpPort}`, clientId: 'push', clientSecret: 'segreto-di-prova' },
    sessionSecret: 'una-chiave-di-sessione-di-prova-lunga-almeno-32-caratteri',
    secureCookies: false,
  });
  app.use(auth.session, auth.router, errorHandler);
  const logged = jest.spyOn(console, 'error').mockImplementation(() => undefined);

  const whileDown = await fetch(`${baseUrl}/auth/login`, { redirect: 'manual', headers: { accept: 'application/json' } });

  expect(whileDown.status).toBe(503);
  expect(await whileDown.json()).toMatchObject({ error: { code: 'IDP_NON_DISPONIBILE' } });
  expect(logged).toHaveBeenCalledWith(expect.stringContaining('discovery of'), expect.anything());
  logged.mockRestore();

  const urls = authUrls(baseUrl);
  idp = await startIdentityProvider({
    port: idpPort,
    db: database.db,
    clients: [
      { clientId: 'push', clientSecret: 'segreto-di-prova', redirectUris: [urls.redirectUri], postLogoutRedirectUris: [urls.postLogoutRedirectUri] },
    ],
  });
  const onceUp = await fetch(`${baseUrl}/auth/login`, { redirect: 'manual' });

  expect(onceUp.status).toBe(302);
  const authorization = new URL(onceUp.headers.get('location') ?? '');
  expect(authorization.origin).toBe(idp.issuer);
  expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorization.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
  expect(authorization.searchParams.get('state')).toBeTruthy();
  expect(authorization.searchParams.get('nonce')).toBeTruthy();
  expect(onceUp.headers.get('set-cookie')).toMatch(/^push\.sid=.*; Path=\/; Expires=.*; HttpOnly; SameSite=Lax$/);
});
