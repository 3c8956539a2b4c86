import type { ApiRuntime } from './runtime';

interface Check {
  ok: boolean;
  detail: string;
}

async function check(probe: () => Promise<string>): Promise<Check> {
  try {
    return { ok: true, detail: await probe() };
  } catch (error) {
    return { ok: false, detail: (error as Error).message };
  }
}

/** The state of the database, Temporal and the procedure worker (seen as pollers on its task queue). */
export async function health(runtime: ApiRuntime) {
  const [database, temporalServer, worker] = await Promise.all([
    check(async () => {
      await runtime.db.$queryRaw`SELECT 1`;
      return 'PostgreSQL raggiungibile';
    }),
    check(async () => {
      await runtime.temporal.workflowService.getSystemInfo({});
      return `Temporal raggiungibile (namespace ${runtime.namespace})`;
    }),
    check(async () => {
      const queue = await runtime.temporal.workflowService.describeTaskQueue({
        namespace: runtime.namespace,
        taskQueue: { name: runtime.taskQueue },
        taskQueueType: 1, // workflow tasks
      });
      const pollers = queue.pollers?.length ?? 0;
      if (pollers === 0) throw new Error(`nessun worker in ascolto sulla coda ${runtime.taskQueue}`);
      return `${pollers} worker in ascolto sulla coda ${runtime.taskQueue}`;
    }),
  ]);
  const ok = database.ok && temporalServer.ok && worker.ok;
  return { status: ok ? 'ok' : 'degraded', database, temporal: temporalServer, worker };
}
