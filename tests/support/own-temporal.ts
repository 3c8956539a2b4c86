// A Temporal dev server of a test's own, its state in a SQLite file under `dir`, so the test can stop or
// kill it and start it again on the same port with every procedure still there.
import path from 'node:path';
import { startDevServer, type RunningDevServer } from '../../temporal-config/dev-server';

export function ownTemporal(dir: string, port: number): () => Promise<RunningDevServer> {
  return () =>
    startDevServer({
      cliPath: process.env.TEMPORAL_CLI!,
      namespace: 'default',
      port,
      uiPort: 0,
      headless: true,
      dbFile: path.join(dir, 'temporal.sqlite'),
      log: () => undefined,
    });
}
