// A worker of its own process (tests/workflows/step-liveness.test.ts kills it with SIGKILL) whose steps, on
// their first attempt, never end (one silent, one after reporting progress), or run quietly past the heartbeat timeout. The parent hears each first attempt.
import path from 'node:path';
import { Context } from '@temporalio/activity';
import { heartbeat } from '../../activities/progress';
import { createWorker } from '../../platform/worker';

function firstAttemptNeverEnds(): Promise<number> | number {
  const { attempt, activityType } = Context.current().info;
  if (attempt > 1) return attempt;
  process.send?.({ started: activityType });
  return new Promise<number>(() => undefined);
}

const activities = {
  async hangOnFirstAttempt(): Promise<number> {
    return firstAttemptNeverEnds();
  },
  /** Longer than the heartbeat timeout, with nothing to report: beaten for, it is not retried. */
  async beSilentPastTheTimeout(): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, 25_000));
    return Context.current().info.attempt;
  },
  async stallAfterProgress(): Promise<number> {
    if (Context.current().info.attempt === 1) heartbeat({ fraction: 0.1, phase: 'inizio' });
    return firstAttemptNeverEnds();
  },
};
export type LivenessActivities = typeof activities;

async function main() {
  const { worker } = await createWorker({
    address: process.env.TEMPORAL_ADDRESS!,
    namespace: 'default',
    taskQueue: process.env.TEMPORAL_TASK_QUEUE!,
    activities,
    workflowsPath: path.join(__dirname, 'liveness-workflows.ts'),
  });
  process.send?.('ready');
  await worker.run();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
