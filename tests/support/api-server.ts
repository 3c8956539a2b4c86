// The whole platform in-process for API, end-to-end and benchmark runs: the local identity provider,
// the real auth, the Express app (serving the built UI when present) and a worker, on free ports.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createApp } from '../../api/app';
import { listenToTaskChanges } from '../../api/tasks/live';
import { createAuth } from '../../api/auth';
import { BackgroundWork } from '../../api/background-work';
import { probeConnection } from '../../api/health';
import type { ApiRuntime } from '../../api/runtime';
import { uploadSettings } from '../../platform/config';
import { closesGracefully } from '../../platform/graceful-close';
import { startIdentityProvider } from '../../platform/identity-provider';
import { freePort } from './free-port';
import { startTestPlatform, type RunningWorker, type TestPlatform } from './platform';

export interface TestServer {
  platform: TestPlatform;
  worker: RunningWorker;
  runtime: ApiRuntime;
  baseUrl: string;
  idpIssuer: string;
  close(): Promise<void>;
}

/**
 * `mapTilesUrl`: the map's tile server (none by default: tests never reach the internet). `runtime`: parts
 * of the API's runtime a test configures otherwise (a smaller document limit, another upload quota).
 * `address`: another Temporal server than the run's shared one (a test that stops it).
 */
export async function startTestServer(
  options: {
    withUi?: boolean;
    workflowsPath?: string;
    mapTilesUrl?: string | null;
    address?: string;
    runtime?: (base: ApiRuntime) => Partial<ApiRuntime>;
  } = {},
): Promise<TestServer> {
  const platform = await startTestPlatform({ address: options.address });
  const worker = await platform.startWorker({ workflowsPath: options.workflowsPath });
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const client = { clientId: 'push-test', clientSecret: randomBytes(16).toString('hex') };
  const idp = await startIdentityProvider({
    port: 0,
    db: platform.db,
    clients: [{ ...client, redirectUris: [`${baseUrl}/auth/callback`], postLogoutRedirectUris: [`${baseUrl}/`] }],
  });
  const auth = await createAuth({
    db: platform.db,
    publicUrl: baseUrl,
    oidc: { issuer: idp.issuer, ...client },
    sessionSecret: randomBytes(32).toString('hex'),
    secureCookies: false,
  });
  const runtime: ApiRuntime = {
    db: platform.db,
    temporal: platform.client,
    namespace: 'default',
    taskQueue: platform.taskQueue,
    regioneEnteId: platform.ref.regioneId,
    temporalUiUrl: 'http://localhost:8233',
    map: { tilesUrl: options.mapTilesUrl ?? null, attribution: 'Test' },
    documents: platform.adapters.adapters.documents,
    pec: platform.adapters.adapters.pec,
    pdf: platform.adapters.adapters.pdf,
    uploads: uploadSettings(platform.config),
    temporalProbe: probeConnection(platform.address),
    worker: worker.worker,
    taskChanges: listenToTaskChanges(process.env.DATABASE_URL!),
    background: new BackgroundWork(),
  };
  Object.assign(runtime, options.runtime?.(runtime));
  const app = createApp({ runtime, auth, uiDist: options.withUi ? path.join(__dirname, '../../ui/dist') : undefined });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(port, '127.0.0.1', () => resolve(listening));
  });
  expectPort(server, port);
  const answers = closesGracefully(server);
  return {
    platform,
    worker,
    runtime,
    baseUrl,
    idpIssuer: idp.issuer,
    async close() {
      // The answers being written finish first: a handler still running after its test file ended would
      // reach a database and a module registry that are gone.
      await answers.close(15_000);
      // Then what the API goes on with after answering (an export being written).
      await runtime.background.settled(15_000);
      // First: a feed left listening would try to reach the database after the run has stopped it.
      await runtime.taskChanges.close();
      await idp.close();
      await worker.stop();
      await runtime.temporalProbe.close();
      await platform.close();
    },
  };
}

function expectPort(server: Server, port: number): void {
  if ((server.address() as AddressInfo).port !== port) throw new Error('API did not bind the chosen port');
}
