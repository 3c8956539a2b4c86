import type { Context } from '@temporalio/activity';
import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import { reportsProgress } from '../activities/progress';

// When a worker dies (kill -9) inside a step, Temporal learns of it only when the step times out. A step whose
// options ask for heartbeats (STEP_OPTIONS) is beaten for by the worker while it runs, so the loss is noticed
// within the heartbeat timeout and the step retried, instead of waiting out its start-to-close. A step that
// reports its own progress heartbeats itself: if it stops doing so, it is stuck, and beating for it would hide that.

/** How often a running step is beaten for: well inside the shortest heartbeat timeout (STEP_OPTIONS). */
const LIVENESS_BEAT_MS = 5_000;

export const activityLiveness: ActivityInterceptorsFactory = (context: Context) => ({
  inbound: {
    async execute(input, next) {
      const timeout = context.info.heartbeatTimeoutMs;
      if (context.info.isLocal || !timeout) return next(input);
      // The first beat comes after an interval: a step shorter than that sends none.
      const beat = setInterval(() => {
        if (reportsProgress(context)) clearInterval(beat);
        else context.heartbeat();
      }, LIVENESS_BEAT_MS);
      try {
        return await next(input);
      } finally {
        clearInterval(beat);
      }
    },
  },
});
