import { Context } from '@temporalio/activity';

/** Reports a long activity's progress as its heartbeat, when running as one (the API shows it). */
export function heartbeat(details: { fraction: number; phase: string }): void {
  try {
    Context.current().heartbeat(details);
  } catch {
    // Called outside an activity (a script or a direct test): there is no one to tell.
  }
}
