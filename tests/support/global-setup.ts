// Starts the real servers every test file shares: PostgreSQL (embedded, or TEST_DATABASE_URL's server)
// with a fresh database for this run, and a Temporal dev server on free ports. Their addresses reach the
// test files through environment variables; global-teardown stops them.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from '../../platform/config';
import { prepareDatabase, startEmbeddedPostgres } from '../../platform/database';
import { startDevServer } from '../../temporal-config/dev-server';
import { locateTemporalCli } from '../../temporal-config/locate-cli';
import { freePort } from './free-port';
import { recordLateLogs } from './late-logs';
import { setRunning } from './running-servers';

const quiet = () => undefined;

export default async function globalSetup(): Promise<void> {
  recordLateLogs();
  const runId = `${Date.now()}_${process.pid}`;
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'push-test-pg-'));
    const postgres = await startEmbeddedPostgres(dataDir, await freePort(), quiet);
    setRunning('postgres', async () => {
      await postgres.stop();
      await rm(dataDir, { recursive: true, force: true });
    });
    serverUrl = postgres.url;
  }
  const databaseUrl = new URL(serverUrl);
  databaseUrl.pathname = `/push_test_${runId}`;
  await prepareDatabase(databaseUrl.toString());
  process.env.DATABASE_URL = databaseUrl.toString();

  // Keys, documents and other files of the run, shared by its test files and removed at the end.
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'push-test-data-'));
  process.env.PUSH_TEST_DATA_DIR = dataDir;
  setRunning('data folder', () => rm(dataDir, { recursive: true, force: true }));
  // The workflow code is bundled once for the run, not by each test file and child process (platform/worker.ts).
  process.env.WORKFLOW_BUNDLE_DIR = path.join(dataDir, 'workflow-bundles');

  // Each platform a test starts has its own catcher of ordinary e-mail, on ports of its own.
  process.env.MAIL_CATCHER_SMTP_PORT = '0';
  process.env.MAIL_CATCHER_HTTP_PORT = '0';

  const cliPath = await locateTemporalCli({
    explicit: process.env.TEMPORAL_CLI,
    toolsDir: path.join(PROJECT_ROOT, '.tools'),
    log: (line) => console.log(`[temporal] ${line}`),
  });
  process.env.TEMPORAL_CLI = cliPath;
  const temporal = await startDevServer({ cliPath, namespace: 'default', port: await freePort(), uiPort: 0, headless: true, log: quiet });
  setRunning('temporal', temporal.stop);
  process.env.TEMPORAL_ADDRESS = temporal.address;
}
