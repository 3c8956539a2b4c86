// Starts the procedures a request recorded but did not start (the process died, Temporal was down), and
// delivers the receipt-first submissions a request recorded but did not signal: at start-up of the process
// that serves the API, and every few seconds after.
import type { Client } from '@temporalio/client';
import type { Db } from '../../prisma/client';
import { resendSubmissions } from '../tasks/submissions';
import { startRecorded } from './procedure-outbox';

const BATCH = 100;

export interface ProcedureReconciler {
  /** Starts what is unstarted now; resolves with how many it started. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

export function startProcedureReconciler(
  runtime: { db: Db; temporal: Client },
  options: { everyMs?: number; log: (line: string) => void },
): ProcedureReconciler {
  let running: Promise<number> = Promise.resolve(0);

  async function reconcile(): Promise<number> {
    const rows = await runtime.db.procedureStart.findMany({ where: { startedAt: null }, orderBy: { createdAt: 'asc' }, take: BATCH });
    let started = 0;
    for (const row of rows) {
      try {
        await startRecorded(runtime, row);
        started++;
      } catch (error) {
        options.log(`${row.workflowId}: not started yet (${error instanceof Error ? error.message : String(error)}); retrying later`);
      }
    }
    if (started) options.log(`started ${started} procedure(s) a request had left unstarted`);
    const delivered = await resendSubmissions(runtime);
    if (delivered) options.log(`delivered ${delivered} submission(s) a request had left undelivered`);
    return started;
  }

  // One pass at a time: a slow pass is not overlapped by the next tick.
  const runOnce = () => {
    running = running.then(reconcile, reconcile).catch((error: unknown) => {
      options.log(`reconciliation failed: ${error instanceof Error ? error.message : String(error)}`);
      return 0;
    });
    return running;
  };

  void runOnce();
  const timer = setInterval(() => void runOnce(), options.everyMs ?? 15_000);
  timer.unref();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
