// Records, at the end of a test run, one history per distinct path each procedure took: the fixtures the
// replay test (tests/workflows/replay.test.ts) replays against the current workflow code. Run it when a
// procedure gains a path, never to make a replay failure go away (see README, "Changing a workflow safely").
import { createHash } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { PROCEDURE_WORKFLOW_TYPES } from '../../workflows/shared/procedures';

export const HISTORIES_DIR = path.join(__dirname, '../workflows/histories');

type Event = temporal.api.history.v1.IHistoryEvent;

const { EventType } = temporal.api.enums.v1;

/** The events that follow from the workflow's commands and inputs: its path through the procedure. */
const PATH_EVENTS = new Set<number>([
  EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED,
  EventType.EVENT_TYPE_TIMER_STARTED,
  EventType.EVENT_TYPE_TIMER_CANCELED,
  EventType.EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED,
  EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED,
  EventType.EVENT_TYPE_MARKER_RECORDED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED,
  EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
  EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED,
]);

/** Two histories with the same shape took the same path: one of them is enough to replay. */
function shapeOf(events: readonly Event[]): string {
  return events
    .filter((event) => PATH_EVENTS.has(Number(event.eventType)))
    .map((event) => {
      const name = event.activityTaskScheduledEventAttributes?.activityType?.name
        ?? event.startChildWorkflowExecutionInitiatedEventAttributes?.workflowType?.name
        ?? event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name
        ?? event.workflowExecutionSignaledEventAttributes?.signalName
        ?? '';
      return `${EventType[Number(event.eventType)]}:${name}`;
    })
    .join('\n');
}

export async function recordHistories(address: string): Promise<number> {
  const connection = await Connection.connect({ address });
  try {
    const client = new Client({ connection, namespace: 'default' });
    await mkdir(HISTORIES_DIR, { recursive: true });
    const known = new Set((await readdir(HISTORIES_DIR)).map((name) => name.replace(/\..*$/, '')));
    let recorded = 0;
    for (const type of PROCEDURE_WORKFLOW_TYPES) {
      for await (const execution of client.workflow.list({ query: `WorkflowType = '${type}'` })) {
        const history = await client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
        const route = shapeOf(history.events ?? []);
        const shape = createHash('sha256').update(route).digest('hex').slice(0, 12);
        const name = `${type}-${shape}`;
        if (known.has(name)) continue;
        known.add(name);
        // Protobuf binary, the server's own encoding: the SDK's JSON writer breaks on the two protobufjs
        // versions it installs. The path beside it says, readably, what the fixture covers.
        await writeFile(path.join(HISTORIES_DIR, `${name}.binpb`), temporal.api.history.v1.History.encode(history).finish());
        await writeFile(path.join(HISTORIES_DIR, `${name}.path.txt`), `${route}\n`);
        recorded++;
      }
    }
    return recorded;
  } finally {
    await connection.close();
  }
}
