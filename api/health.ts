import { Connection } from '@temporalio/client';
import type { ApiRuntime } from './runtime';

interface Check {
  ok: boolean;
  detail: string;
}

/** Each probe answers within this, so the whole check answers within a second whatever is down. */
export const PROBE_DEADLINE_MS = 800;

async function check(probe: (deadline: number) => Promise<string>): Promise<Check> {
  const deadline = Date.now() + PROBE_DEADLINE_MS;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`nessuna risposta entro ${PROBE_DEADLINE_MS} ms`)), PROBE_DEADLINE_MS);
  });
  try {
    return { ok: true, detail: await Promise.race([probe(deadline), late]) };
  } catch (error) {
    return { ok: false, detail: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A connection for the probe alone, without the SDK's retry interceptor: a probe tells the state now. The
 * client's retries would go on (and outlive the answer) for seconds while the server is down.
 */
export function probeConnection(address: string): Connection {
  return Connection.lazy({ address, interceptors: [] });
}

/**
 * The state of the database, Temporal and the procedure worker. The worker is judged by its own state in this
 * process, not by the pollers Temporal lists: those linger for minutes after a worker dies.
 */
export async function health(runtime: ApiRuntime) {
  const [database, temporalServer, worker] = await Promise.all([
    check(async () => {
      await runtime.db.$queryRaw`SELECT 1`;
      return 'PostgreSQL raggiungibile';
    }),
    // The gRPC deadline ends the call itself, not only the wait for it.
    check(async (deadline) => {
      await runtime.temporalProbe.withDeadline(deadline, () => runtime.temporalProbe.workflowService.getSystemInfo({}));
      return `Temporal raggiungibile (namespace ${runtime.namespace})`;
    }),
    check(async () => {
      const state = runtime.worker.getState();
      if (state !== 'RUNNING') throw new Error(`worker della coda ${runtime.taskQueue} non attivo (stato ${state})`);
      return `worker attivo sulla coda ${runtime.taskQueue}`;
    }),
  ]);
  const ok = database.ok && temporalServer.ok && worker.ok;
  return { status: ok ? 'ok' : 'degraded', database, temporal: temporalServer, worker };
}
