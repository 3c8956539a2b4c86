// A step's worker killed with kill -9 mid-step: Temporal hears nothing more of the attempt. The worker beats for
// every running step (platform/activity-liveness.ts), so the silence is noticed within STEP_OPTIONS' heartbeat
// timeout and the step retried on the worker that took over, long before its start-to-close; a step longer than
// the heartbeat timeout on a live worker runs to its end. A step that reported progress is not beaten for: when
// it stops reporting, it is stuck, and retried alike.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client, Connection, type WorkflowHandle } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { startChildProcess, type ChildHandle } from '../support/child-worker';

const LIVENESS_WORKER = path.join(__dirname, '../support/liveness-worker.ts');
const { EventType, TimeoutType } = temporal.api.enums.v1;

describe('when a step stops being heard of', () => {
  let connection: Connection;
  let client: Client;
  /** One worker to kill, one that stays. */
  const [doomedQueue, livingQueue] = [`liveness-${randomUUID()}`, `liveness-${randomUUID()}`];
  const workers: ChildHandle[] = [];
  const started = new Set<string>();
  let onStart: () => void = () => undefined;
  const startWorker = async (taskQueue: string) => {
    const env = { TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS!, TEMPORAL_TASK_QUEUE: taskQueue };
    const worker = await startChildProcess(LIVENESS_WORKER, env, (message) => {
      started.add((message as { started: string }).started);
      onStart();
    });
    workers.push(worker);
    return worker;
  };
  const bothStarted = () => new Promise<void>((resolve) => {
    onStart = () => started.size === 2 && resolve();
    onStart();
  });
  const retriedAfterHeartbeatTimeout = async (handle: WorkflowHandle) => {
    const { events } = await handle.fetchHistory();
    const attempt = events!.find((event) => event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED)!.activityTaskStartedEventAttributes!;
    return [attempt.attempt, attempt.lastFailure?.timeoutFailureInfo?.timeoutType];
  };

  beforeAll(async () => {
    connection = await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! });
    client = new Client({ connection, namespace: 'default' });
  });
  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.kill()));
    await connection.close();
  });

  it('then it is retried once the heartbeat timeout passes, not at its start-to-close of 10 minutes', async () => {
    const [doomed] = await Promise.all([startWorker(doomedQueue), startWorker(livingQueue)]);
    const start = (workflow: string, taskQueue: string) => client.workflow.start(workflow, { workflowId: `liveness-${randomUUID()}`, taskQueue });
    const killed = await start('hangsOnFirstAttempt', doomedQueue);
    const stuck = await start('stallsAfterProgress', livingQueue);
    const quiet = await start('silentPastTheTimeout', livingQueue);
    await bothStarted();

    const since = Date.now();
    await doomed.kill();
    await startWorker(doomedQueue);
    expect(await Promise.all([killed.result(), stuck.result(), quiet.result()])).toEqual([2, 2, 1]);
    // The heartbeat timeout is 20 s; the start-to-close, 10 minutes.
    expect(Date.now() - since).toBeLessThan(60_000);
    for (const handle of [killed, stuck]) {
      expect(await retriedAfterHeartbeatTimeout(handle)).toEqual([2, TimeoutType.TIMEOUT_TYPE_HEARTBEAT]);
    }
  }, 120_000);
});
