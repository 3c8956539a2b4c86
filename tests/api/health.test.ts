// /api/health tells the real state quickly: a worker that stopped is reported down at once (Temporal keeps
// listing its pollers for minutes), and a Temporal server that is down costs at most one probe deadline.
import { startDevServer, type RunningDevServer } from '../../temporal-config/dev-server';
import { startTestServer, type TestServer } from '../support/api-server';
import { freePort } from '../support/free-port';
import { eventually } from '../support/platform';

interface Health {
  status: string;
  database: { ok: boolean };
  temporal: { ok: boolean; detail: string };
  worker: { ok: boolean; detail: string };
}

describe('when the health endpoint is asked', () => {
  let temporal: RunningDevServer;
  let server: TestServer;

  const ask = async () => {
    const started = Date.now();
    const response = await fetch(`${server.baseUrl}/api/health`);
    return { status: response.status, body: (await response.json()) as Health, ms: Date.now() - started };
  };

  beforeAll(async () => {
    // A Temporal server of this file's own, so the test can stop it.
    temporal = await startDevServer({ cliPath: process.env.TEMPORAL_CLI!, namespace: 'default', port: await freePort(), uiPort: 0, headless: true, log: () => undefined });
    server = await startTestServer({ address: temporal.address });
  });
  afterAll(async () => {
    await server.close();
    await temporal.stop();
  });

  it('when everything runs, then it answers ok', async () => {
    const { status, body } = await ask();
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', database: { ok: true }, temporal: { ok: true }, worker: { ok: true } });
  });

  it('when the worker stops, then it says the worker is down within a few seconds', async () => {
    await server.worker.stop();
    const down = await eventually(async () => {
      const { body } = await ask();
      return body.worker.ok ? null : body;
    }, 5_000);
    expect(down.status).toBe('degraded');
    expect(down.worker.detail).toContain('non attivo');
  });

  it('when Temporal is stopped, then it answers within 1 s that Temporal is not ok', async () => {
    await temporal.stop();
    const { status, body, ms } = await ask();
    expect(ms).toBeLessThan(1_000);
    expect(status).toBe(503);
    expect(body.temporal.ok).toBe(false);
    expect(body.database.ok).toBe(true);
  });
});
