import { Context } from '@temporalio/activity';

/** Activities that report progress: they heartbeat themselves (platform/activity-liveness.ts leaves them be). */
const reporting = new WeakSet<Context>();

/** Reports a long activity's progress as its heartbeat, when running as one (the API shows it). */
export function heartbeat(details: { fraction: number; phase: string }): void {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return; // Called outside an activity (a script or a direct test): there is no one to tell.
  }
  reporting.add(context);
  context.heartbeat(details);
}

export function reportsProgress(context: Context): boolean {
  return reporting.has(context);
}
