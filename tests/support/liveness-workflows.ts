// Workflows of tests/workflows/step-liveness.test.ts: one step with the procedures' options (STEP_OPTIONS) and a
// start-to-close far longer than the test, so only the heartbeat can notice a lost or stuck attempt.
import { proxyActivities } from '@temporalio/workflow';
import { STEP_OPTIONS } from '../../workflows/incidents';
import type { LivenessActivities } from './liveness-worker';

const steps = proxyActivities<LivenessActivities>({ startToCloseTimeout: '10 minutes', ...STEP_OPTIONS });

export async function hangsOnFirstAttempt(): Promise<number> {
  return steps.hangOnFirstAttempt();
}

export async function silentPastTheTimeout(): Promise<number> {
  return steps.beSilentPastTheTimeout();
}

export async function stallsAfterProgress(): Promise<number> {
  return steps.stallAfterProgress();
}
