import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { actorOf, authUrls, createAuth, type Auth } from '../../../../api/auth';
import { errorHandler } from '../../../../api/errors';
import { startIdentityProvider, type RunningIdentityProvider } from '../../../../platform/identity-provider';
import type { Db } from '../../../../prisma/client';

export interface RunningPlatform {
  baseUrl: string;
  idp: RunningIdentityProvider;
  auth: Auth;
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/**
 * The local identity provider and a small API app wired as the real one is: session, auth routes,
 * then CSRF and requireActor in front of a protected route, and the API's error handler last.
 */
export async function startPlatform(db: Db): Promise<RunningPlatform> {
  const server = createServer();
  const port = await listen(server);
  const baseUrl = `http://localhost:${port}`;
  const urls = authUrls(baseUrl);
  const clientSecret = 'segreto-del-client-di-prova-abbastanza-lungo';
  const idp = await startIdentityProvider({
    port: 0,
    db,
    clients: [
      {
        clientId: 'push',
        clientSecret,
        name: 'PUSH – Puglia Social Housing',
        redirectUris: [urls.redirectUri],
        postLogoutRedirectUris: [urls.postLogoutRedirectUri],
      },
    ],
  });
  const auth = await createAuth({
    db,
    publicUrl: baseUrl,
    oidc: { issuer: idp.issuer, clientId: 'push', clientSecret },
    sessionSecret: 'una-chiave-di-sessione-di-prova-lunga-almeno-32-caratteri',
    secureCookies: false,
  });

  const app = express();
  app.use(auth.session);
  app.use(auth.router);
  app.get('/', (_req, res) => {
    res.type('text').send('PUSH');
  });
  app.use('/api', auth.csrf, auth.requireActor);
  app.get('/api/actor', (req, res) => {
    res.json(actorOf(req));
  });
  app.post('/api/prova', (req, res) => {
    res.json({ ok: true, userId: actorOf(req).userId });
  });
  app.use(errorHandler);
  server.on('request', app);

  return {
    baseUrl,
    idp,
    auth,
    close: async () => {
      await close(server);
      await idp.close();
    },
  };
}
