// The morning digest of tasks runs on a Temporal schedule: every day at TASK_DIGEST_HOUR, Italian time.
// Temporal keeps the schedule (it survives restarts of everything), the platform only makes sure at each
// start that it exists and says what the configuration says. A run still going when the next is due (a
// mail server down, an incident open) makes the next one wait its turn, not run beside it.
import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptionsAction, type ScheduleSpec } from '@temporalio/client';
import { RIEPILOGO_ATTIVITA_PROCEDURE, type RiepilogoAttivitaInput } from '../workflows/shared/procedures/riepilogo-attivita';
import { startingSearchAttributes } from './settings';

export const DIGEST_SCHEDULE_ID = RIEPILOGO_ATTIVITA_PROCEDURE.id;

export interface DigestScheduleOptions {
  taskQueue: string;
  regioneEnteId: string;
  /** 0–23, in Italy. */
  hour: number;
}

function parts(options: DigestScheduleOptions): { spec: ScheduleSpec; action: ScheduleOptionsAction } {
  const input: RiepilogoAttivitaInput = { regioneEnteId: options.regioneEnteId };
  return {
    spec: { calendars: [{ hour: options.hour, minute: 0 }], timezone: 'Europe/Rome' },
    action: {
      type: 'startWorkflow',
      workflowType: RIEPILOGO_ATTIVITA_PROCEDURE.workflowType,
      // Temporal adds the time of each run to it: every run's id still starts with the procedure's key.
      workflowId: RIEPILOGO_ATTIVITA_PROCEDURE.id,
      taskQueue: options.taskQueue,
      args: [input],
      typedSearchAttributes: startingSearchAttributes(RIEPILOGO_ATTIVITA_PROCEDURE, options.regioneEnteId),
    },
  };
}

/** Creates the schedule, or brings the existing one in line with the configuration. */
export async function ensureDigestSchedule(client: Client, options: DigestScheduleOptions): Promise<void> {
  const { spec, action } = parts(options);
  // A run missed while the platform was down is made up within the morning, not in the evening.
  const policies = { overlap: ScheduleOverlapPolicy.BUFFER_ONE, catchupWindow: '4 hours' } as const;
  try {
    await client.schedule.create({ scheduleId: DIGEST_SCHEDULE_ID, spec, action, policies });
  } catch (error) {
    if (!(error instanceof ScheduleAlreadyRunning)) throw error;
    await client.schedule.getHandle(DIGEST_SCHEDULE_ID).update((previous) => ({ ...previous, spec, action, policies }));
  }
}
