import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { Db } from '../prisma/client';
import { AccountDirectory, type ClientRegistration, providerConfiguration } from './identity-provider/configuration';
import { interactionErrors, interactionRouter } from './identity-provider/interactions';

// A local OpenID Connect provider standing in for the regional SPID/CIE broker, so the platform signs
// people in exactly as in production (authorization code + PKCE) on a machine with no outside access.
// Every user of the database can be chosen on its login page; it asserts SPID level 2.

export type { ClientRegistration } from './identity-provider/configuration';

export interface IdentityProviderOptions {
  /** 0 picks a free port (tests); the issuer carries the real one. */
  port: number;
  db: Db;
  clients: ClientRegistration[];
  /** Interface to listen on: the loopback unless a container must expose it. */
  host?: string;
}

export interface RunningIdentityProvider {
  issuer: string;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Browsers and fetch keep connections alive; without this, close would wait for them to time out.
    server.closeIdleConnections();
  });
}

export async function startIdentityProvider(options: IdentityProviderOptions): Promise<RunningIdentityProvider> {
  // The issuer must name the real port, known only once listening; until the provider exists, answer 503.
  const routing: { app?: RequestListener } = {};
  const server = createServer((req, res) => {
    if (routing.app) {
      routing.app(req, res);
      return;
    }
    res.writeHead(503, { 'Retry-After': '1' }).end();
  });
  const port = await listen(server, options.port, options.host ?? '127.0.0.1');
  const issuer = `http://localhost:${port}`;

  try {
    // oidc-provider is an ES module: imported on start, so merely importing this file costs nothing.
    const { Provider, errors } = await import('oidc-provider');
    const accounts = new AccountDirectory();
    const provider = new Provider(issuer, providerConfiguration(options.clients, accounts));
    provider.on('server_error', (_ctx, error) => console.error('[identity-provider] server error', error));

    const app = express();
    app.disable('x-powered-by');
    app.use(interactionRouter(provider, options.db, accounts));
    app.use(interactionErrors(errors.SessionNotFound));
    app.use(provider.callback());
    routing.app = app;
  } catch (error) {
    // A provider that cannot be built must not leave its port taken.
    await close(server);
    throw error;
  }

  return { issuer, close: () => close(server) };
}
