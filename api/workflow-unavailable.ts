// When the procedures' engine cannot answer for a moment — the Temporal server unreachable, or no worker
// polling the task queue yet (a worker restarting, a machine under load) — the request is not at fault and
// neither, for good, is the platform: a read is tried again for a few seconds, and what still fails is a
// 503 that says to retry (api/errors.ts), never a 500.
import { ServiceError } from '@temporalio/client';
import { setTimeout as sleep } from 'node:timers/promises';

/** gRPC codes of a passing unavailability: DEADLINE_EXCEEDED, FAILED_PRECONDITION (no poller), UNAVAILABLE. */
const PASSING = new Set([4, 9, 14]);

export function isEngineUnavailable(error: unknown): boolean {
  const code = (error instanceof ServiceError ? error.cause : error) as { code?: unknown } | undefined;
  return error instanceof ServiceError && typeof code?.code === 'number' && PASSING.has(code.code);
}

export const ENGINE_UNAVAILABLE = { code: 'PROCEDURE_NON_DISPONIBILI', status: 503, message: 'Le procedure non rispondono in questo momento: riprova tra qualche istante.' } as const;

/** Runs a read of a workflow (a query, a describe), again while the engine cannot answer, up to `withinMs`; then the last failure (a 503). */
export async function readWorkflow<T>(read: () => Promise<T>, withinMs = 10_000): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    try {
      return await read();
    } catch (error) {
      if (!isEngineUnavailable(error)) throw error;
      if (Date.now() >= deadline) throw error;
      await sleep(250);
    }
  }
}
