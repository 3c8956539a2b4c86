// What the checks read once things settle: the database's rows (plain SQL, so the harness does not depend
// on the generated client) and, for every workflow those rows name, Temporal's state and open tasks.
import { Client as TemporalClient, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { openTasksQuery } from '../../workflows/shared/tasks';
import type { CounterRow, IncidentRow, PecRow, ProtocolRow, RequestRow, TaskRow, WorkflowState, WorkflowStatus } from './checks';

export interface Snapshot {
  communications: RequestRow[];
  accreditations: RequestRow[];
  tasks: TaskRow[];
  registrations: ProtocolRow[];
  counters: CounterRow[];
  pecs: PecRow[];
  incidents: IncidentRow[];
  workflows: Map<string, WorkflowState>;
}

export async function readRows(databaseUrl: string): Promise<Omit<Snapshot, 'workflows'>> {
  const db = new PgClient({ connectionString: databaseUrl });
  await db.connect();
  try {
    const rows = async <T>(sql: string) => (await db.query(sql)).rows as T[];
    return {
      communications: await rows<RequestRow>('SELECT id, "workflowId", oggetto AS "naturalKey", stato::text AS stato FROM "Communication"'),
      accreditations: await rows<RequestRow>('SELECT id, "workflowId", "codiceFiscale" AS "naturalKey", stato::text AS stato FROM "AccreditationRequest"'),
      tasks: await rows<TaskRow>('SELECT id, "workflowId", "taskKey", stato::text AS stato FROM "Task"'),
      registrations: await rows<ProtocolRow>('SELECT aoo, register, year, number, "workflowId" FROM "ProtocolRegistration"'),
      counters: await rows<CounterRow>('SELECT aoo, register, year, "lastNumber" FROM "ProtocolCounter"'),
      pecs: await rows<PecRow>('SELECT id, "idempotencyKey", "workflowId", destinatario, oggetto, stato::text AS stato FROM "PecMessage"'),
      incidents: await rows<IncidentRow>('SELECT id, "workflowId", step, errore, stato::text AS stato FROM "Incident"'),
    };
  } finally {
    await db.end();
  }
}

export async function connectTemporal(address: string): Promise<{ client: TemporalClient; close: () => Promise<void> }> {
  const connection = await Connection.connect({ address, connectTimeout: 5_000 });
  return { client: new TemporalClient({ connection }), close: () => connection.close() };
}

const STATUS_NAMES: Record<string, WorkflowStatus> = {
  RUNNING: 'RUNNING', COMPLETED: 'COMPLETED', FAILED: 'FAILED', CANCELLED: 'CANCELLED',
  TERMINATED: 'TERMINATED', TIMED_OUT: 'TIMED_OUT', CONTINUED_AS_NEW: 'CONTINUED_AS_NEW',
};

/** One workflow's status and, when it runs, its open tasks and what it is busy with. */
export async function workflowState(client: TemporalClient, workflowId: string, withQuery: boolean): Promise<WorkflowState> {
  const handle = client.workflow.getHandle(workflowId);
  try {
    const description = await handle.describe();
    const status = STATUS_NAMES[description.status.name] ?? 'UNKNOWN';
    if (status !== 'RUNNING') return { workflowId, status, openTaskIds: [] };
    const pendingActivities = (description.raw.pendingActivities ?? []).map((activity) =>
      `${activity.activityType?.name} attempt ${activity.attempt}${activity.lastFailure?.message ? ` (${activity.lastFailure.message.slice(0, 200)})` : ''}`);
    if (!withQuery) return { workflowId, status, openTaskIds: null, pendingActivities };
    try {
      const open = await handle.query(openTasksQuery);
      return { workflowId, status, openTaskIds: open.map((task) => task.taskId), pendingActivities };
    } catch (error) {
      return { workflowId, status, openTaskIds: null, queryError: (error as Error).message, pendingActivities };
    }
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return { workflowId, status: 'NOT_FOUND', openTaskIds: [] };
    return { workflowId, status: 'UNKNOWN', openTaskIds: null, queryError: (error as Error).message };
  }
}

/** Every workflow the rows name (requests, tasks, registrations, PEC, incidents). */
export function workflowIdsOf(rows: Omit<Snapshot, 'workflows'>): string[] {
  return [...new Set([
    ...rows.communications, ...rows.accreditations, ...rows.tasks, ...rows.registrations, ...rows.incidents,
    ...rows.pecs.filter((pec): pec is PecRow & { workflowId: string } => pec.workflowId !== null),
  ].map((row) => row.workflowId))];
}

export async function readWorkflows(client: TemporalClient, workflowIds: string[]): Promise<Map<string, WorkflowState>> {
  const states = new Map<string, WorkflowState>();
  // A few at a time: the worker answers the queries on a loaded machine.
  for (let i = 0; i < workflowIds.length; i += 8) {
    const batch = await Promise.all(workflowIds.slice(i, i + 8).map((id) => workflowState(client, id, true)));
    for (const state of batch) states.set(state.workflowId, state);
  }
  return states;
}
