// One command starts the whole platform on embedded defaults, or on the services the environment names:
// PostgreSQL, Temporal, the procedure worker, the identity provider and the API serving the built UI.
// Ctrl-C stops everything in reverse order; so does the death of an embedded service (a person or a supervisor
// runs `npm start` again) or of the process that started this one (tsx, npm). The embedded services stop by
// themselves if this process is killed outright, and the next start clears what a crash left.
import { moveAttachmentsIntoStore } from '../activities/documents/move-attachments';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { inspect } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { createApp } from '../api/app';
import { discardOrphanFiles } from '../api/documenti/orphans';
import { listenToTaskChanges } from '../api/tasks/live';
import { createAuth } from '../api/auth';
import { probeConnection } from '../api/health';
import { BackgroundWork } from '../api/background-work';
import { startProcedureReconciler } from '../api/outbox/reconciler';
import { createDb } from '../prisma/client';
import { loadReferenceData } from '../prisma/seed/reference-data';
import { startDevServer } from '../temporal-config/dev-server';
import { locateTemporalCli } from '../temporal-config/locate-cli';
import { ensureDigestSchedule } from '../temporal-config/digest-schedule';
import { ensureSearchAttributes } from '../temporal-config/namespace';
import { loadConfig, LOCAL_IDP_WARNING, mapConfig, PROJECT_ROOT, publicUrl, uploadSettings, type Config } from './config';
import { startAdapters } from './adapters';
import { embeddedPlatformUrl, prepareDatabase, startEmbeddedPostgres } from './database';
import { startIdentityProvider } from './identity-provider';
import { lockDataDir } from './instance-lock';
import { logger } from './logs';
import { signalPecReceipt } from './pec-receipts';
import { persistentSecret } from './secrets';
import { closesGracefully } from './graceful-close';
import { createWorker } from './worker';

type Stop = () => Promise<unknown>;
const stops: { name: string; stop: Stop }[] = [];
const log = logger('push');

async function database(config: Config): Promise<string> {
  if (config.DATABASE_URL) {
    logger('db')(`using DATABASE_URL (${new URL(config.DATABASE_URL).host})`);
    return config.DATABASE_URL;
  }
  const server = await startEmbeddedPostgres(config.PUSH_DATA_DIR, config.EMBEDDED_POSTGRES_PORT, logger('db'));
  stops.push({ name: 'PostgreSQL', stop: server.stop });
  stopWhenEnded('PostgreSQL', server.exited);
  logger('db')(`embedded PostgreSQL on port ${config.EMBEDDED_POSTGRES_PORT}, data in ${server.clusterDir}`);
  return embeddedPlatformUrl(config.EMBEDDED_POSTGRES_PORT);
}

async function temporalServer(config: Config): Promise<{ address: string; uiUrl: string | null; external: boolean }> {
  if (config.TEMPORAL_ADDRESS) {
    logger('temporal')(`using TEMPORAL_ADDRESS ${config.TEMPORAL_ADDRESS}`);
    return { address: config.TEMPORAL_ADDRESS, uiUrl: config.TEMPORAL_UI_URL ?? null, external: true };
  }
  const cliPath = await locateTemporalCli({ explicit: config.TEMPORAL_CLI, toolsDir: config.PUSH_TOOLS_DIR, log: logger('temporal') });
  const server = await startDevServer({
    cliPath,
    namespace: config.TEMPORAL_NAMESPACE,
    port: config.TEMPORAL_DEV_PORT,
    uiPort: config.TEMPORAL_UI_PORT,
    dbFile: path.join(config.PUSH_DATA_DIR, 'temporal.sqlite'),
    logFile: path.join(config.PUSH_DATA_DIR, 'logs', 'temporal.log'),
    log: logger('temporal'),
  });
  stops.push({ name: 'Temporal', stop: server.stop });
  stopWhenEnded('Temporal dev server', server.exited);
  logger('temporal')(`dev server ${cliPath} on ${server.address}`);
  return { address: server.address, uiUrl: config.TEMPORAL_UI_URL ?? server.uiUrl, external: false };
}

async function identityProvider(config: Config, db: ReturnType<typeof createDb>) {
  if (config.OIDC_ISSUER) {
    return { issuer: config.OIDC_ISSUER, clientId: config.OIDC_CLIENT_ID!, clientSecret: config.OIDC_CLIENT_SECRET! };
  }
  const base = publicUrl(config);
  const client = { clientId: 'push-local', clientSecret: randomBytes(24).toString('base64url') };
  const idp = await startIdentityProvider({
    port: config.IDP_PORT,
    db,
    clients: [{ ...client, name: 'PUSH – Puglia Social Housing', redirectUris: [`${base}/auth/callback`], postLogoutRedirectUris: [`${base}/`] }],
  });
  stops.push({ name: 'identity provider', stop: idp.close });
  logger('idp')(`local SPID/CIE test provider at ${idp.issuer}`);
  logger('idp')(LOCAL_IDP_WARNING);
  return { issuer: idp.issuer, ...client };
}

/** An embedded service that ends while the platform runs leaves it useless: stop the rest, exit non-zero. */
function stopWhenEnded(name: string, exited: Promise<string>): void {
  void exited.then((how) => {
    if (!stopping) void shutdown(`${name} ended unexpectedly (${how}); run npm start again`, 1);
  });
}

/**
 * tsx runs this file in a child process: if tsx itself is killed (kill -9 of `npm start`'s process), nothing
 * would stop this one, which would keep the ports and the data folder. The parent's pid changes when it dies.
 */
function stopWhenParentDies(): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) void shutdown(`the parent process (pid ${parent}) died`, 1);
  }, 500);
  timer.unref();
}

async function main(): Promise<void> {
  const config = loadConfig();
  stopWhenParentDies();
  const lock = await lockDataDir(config.PUSH_DATA_DIR, log);
  stops.push({ name: 'data folder lock', stop: lock.release });
  const databaseUrl = await database(config);
  const applied = await prepareDatabase(databaseUrl);
  logger('db')(applied.length ? `applied migrations: ${applied.join(', ')}` : 'schema up to date');
  const db = createDb(databaseUrl);
  stops.push({ name: 'database client', stop: () => db.$disconnect() });
  const ref = await loadReferenceData(db);
  logger('db')(`reference data: Regione Puglia, 5 ARCA, ${ref.comuniCount} Comuni, ${Object.keys(ref.users).length} demo users`);

  const temporal = await temporalServer(config);
  const connection = await Connection.connect({ address: temporal.address });
  stops.push({ name: 'Temporal client', stop: () => connection.close() });
  if (temporal.external) await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE);
  const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
  const temporalProbe = probeConnection(temporal.address);
  stops.push({ name: 'Temporal health probe', stop: () => temporalProbe.close() });

  const running = await startAdapters(config, db, databaseUrl, { onPecReceipt: signalPecReceipt(client), log: logger('push') });
  stops.push({ name: 'adapters', stop: running.close });
  if (running.localPec) log(`local PEC provider (SMTP) on port ${running.localPec.port}`);
  if (running.mailCatcher) log(`local mail server (SMTP) on port ${running.mailCatcher.smtpPort}: the e-mails sent are shown at ${running.mailCatcher.url}`);
  const attachments = await moveAttachmentsIntoStore(db, running.adapters.documents);
  if (attachments.moved) logger('db')(`${attachments.moved} attachments moved into the document store`);
  for (const [tipo, count] of Object.entries(await discardOrphanFiles(db, running.adapters.documents))) {
    logger('db')(`${count} files of kind ${tipo} that nothing names taken back from the document store`);
  }
  if (attachments.altered.length) logger('db')(`attachments left in the database, their content no longer matches the hash recorded when sent: ${attachments.altered.join(', ')}`);
  // Every dirigente has a signing certificate from the local CA before their first act (issued once).
  const dirigenti = await db.user.findMany({ where: { roles: { some: { ruolo: 'DIRIGENTE', revokedAt: null } } } });
  for (const dirigente of dirigenti) {
    const certificate = await running.adapters.signer.certificateOf(dirigente.id);
    log(`signing certificate of ${dirigente.nome} ${dirigente.cognome}: ${certificate.subject}`);
  }
  const { activities } = running;
  const { worker, connection: workerConnection } = await createWorker({
    address: temporal.address,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities,
  });
  const workerRun = worker.run();
  // A worker that fails leaves the API up (health reports it) and says why here.
  workerRun.catch((error: unknown) => logger('worker')(`worker failed: ${describe(error)}`));
  stops.push({
    name: 'worker',
    stop: async () => {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await workerRun.catch(() => undefined);
      await workerConnection.close();
    },
  });
  logger('worker')(`polling task queue ${config.TEMPORAL_TASK_QUEUE}`);
  await ensureDigestSchedule(client, { taskQueue: config.TEMPORAL_TASK_QUEUE, regioneEnteId: ref.regioneId, hour: config.TASK_DIGEST_HOUR });
  logger('temporal')(`the morning digest of tasks is sent every day at ${config.TASK_DIGEST_HOUR}:00 (Europe/Rome)`);

  const oidc = await identityProvider(config, db);
  const sessionSecret = config.SESSION_SECRET ?? (await persistentSecret(config.PUSH_DATA_DIR, 'session-secret'));
  const base = publicUrl(config);
  const auth = await createAuth({ db, publicUrl: base, oidc, sessionSecret, secureCookies: base.startsWith('https://') });
  const taskChanges = listenToTaskChanges(databaseUrl, logger('api'));
  stops.push({ name: 'live inbox', stop: taskChanges.close });
  // Stopped after the API (stops run in reverse): an export still being written finishes first.
  const background = new BackgroundWork();
  stops.push({ name: 'background work', stop: () => background.settled(API_GRACE_MS) });
  const uiDist = path.join(PROJECT_ROOT, 'ui', 'dist');
  if (!existsSync(path.join(uiDist, 'index.html'))) log('ui/dist is missing: run `npm run build:ui` (npm run setup does it) to serve the inbox');
  const app = createApp({
    runtime: {
      db,
      temporal: client,
      namespace: config.TEMPORAL_NAMESPACE,
      taskQueue: config.TEMPORAL_TASK_QUEUE,
      regioneEnteId: ref.regioneId,
      temporalUiUrl: temporal.uiUrl,
      map: mapConfig(config),
      documents: running.adapters.documents,
      pec: running.adapters.pec,
      pdf: running.adapters.pdf,
      uploads: uploadSettings(config),
      temporalProbe,
      worker,
      taskChanges,
      background,
    },
    auth,
    uiDist,
    trustProxy: config.TRUST_PROXY,
  });
  // Procedures a request recorded but did not start (the process died in between) start now, and every 15 s.
  const reconciler = startProcedureReconciler({ db, temporal: client }, { log: logger('api') });
  stops.push({ name: 'procedure reconciler', stop: reconciler.stop });
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(config.PORT, config.HOST, () => resolve(listening));
  });
  const api = closesGracefully(server);
  stops.push({ name: 'API', stop: () => api.close(API_GRACE_MS) });
  logger('api')(`listening on ${config.HOST} port ${config.PORT}`);

  log('');
  log(`PUSH is running:   ${base}`);
  log(`health:            ${base}/api/health`);
  if (temporal.uiUrl) log(`Temporal Web UI:   ${temporal.uiUrl}`);
  if (!config.OIDC_ISSUER) log(`sign in with one of the demo identities listed by ${oidc.issuer}`);
  log('press Ctrl-C to stop');
}

/** Whatever was thrown, as text: start-up failures are not always Errors (a rejected promise may carry anything). */
function describe(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return typeof error === 'string' ? error : inspect(error);
}

/** A part that hangs while stopping (a worker whose server died) must not keep the rest, and the lock, alive. */
const STOP_TIMEOUT_MS = 20_000;
/** How long the requests being answered at a stop may take to finish (within STOP_TIMEOUT_MS). */
const API_GRACE_MS = 10_000;
function bounded<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

let stopping = false;
async function shutdown(signal: string, exitCode = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping…`);
  for (const { name, stop } of stops.reverse()) {
    await bounded(stop(), STOP_TIMEOUT_MS, `${name} did not stop within ${STOP_TIMEOUT_MS / 1000} s`).then(
      () => log(`stopped ${name}`),
      (error: unknown) => log(`stopping ${name} failed: ${describe(error)}`),
    );
  }
  process.exit(exitCode);
}

process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
main().catch(async (error: unknown) => {
  log(`start-up failed: ${describe(error)}`);
  await shutdown('error', 1);
});
