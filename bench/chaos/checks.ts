// The chaos run's verdicts: pure functions over what the database, Temporal and the load driver say,
// so each can be proven on hand-made bad input (tests/chaos/checks.test.ts).

export type FindingKind = 'loss' | 'duplicate' | 'orphan' | 'disagreement' | 'stuck' | 'gap' | 'incident' | 'process' | 'abandoned';

/** One thing that went wrong, named so a reader can look it up. */
export interface Finding {
  kind: FindingKind;
  subject: string;
  detail: string;
}

export type WorkflowStatus = 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELLED' | 'TERMINATED' | 'TIMED_OUT' | 'CONTINUED_AS_NEW' | 'NOT_FOUND' | 'UNKNOWN';

export interface WorkflowState {
  workflowId: string;
  status: WorkflowStatus;
  /** The open-tasks query's answer for a running workflow; null when it could not be asked. */
  openTaskIds: string[] | null;
  queryError?: string;
  /** What a running workflow is busy with, to explain one that waits on nobody. */
  pendingActivities?: string[];
}

export interface TaskRow { id: string; workflowId: string; taskKey: string; stato: 'APERTA' | 'COMPLETATA' | 'ANNULLATA' }
export interface ProtocolRow { aoo: string; register: string; year: number; number: number; workflowId: string }
export interface CounterRow { aoo: string; register: string; year: number; lastNumber: number }
export interface PecRow { id: string; idempotencyKey: string; workflowId: string | null; destinatario: string; oggetto: string; stato: string }
export interface IncidentRow { id: string; workflowId: string; step: string; errore: string; stato: 'APERTO' | 'RITENTATO' | 'RISOLTO' }
/** A Communication or an AccreditationRequest: `naturalKey` is what the driver made unique per procedure. */
export interface RequestRow { id: string; workflowId: string; naturalKey: string; stato: string }

/** What the load driver knows of one procedure it drove. */
export interface DrivenProcedure {
  /** The Idempotency-Key of its creation. */
  key: string;
  kind: 'invio-generico' | 'accreditamento-ente';
  /** Unique per procedure: the communication's oggetto, or the ente's codice fiscale. */
  naturalKey: string;
  /** The creation was answered 2xx (or found by the person after a conflict). */
  created: boolean;
  /** Every human step was answered. */
  finished: boolean;
  /** Why the driver gave up, if it did. */
  abandoned: string | null;
}

const FINAL_TASK_STATES = new Set(['COMPLETATA', 'ANNULLATA']);

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

/** Keys that occur more than once, with how often. */
export function duplicatesBy<T>(items: T[], key: (item: T) => string): { key: string; count: number }[] {
  return [...groupBy(items, key)].filter(([, group]) => group.length > 1).map(([k, group]) => ({ key: k, count: group.length }));
}

/** Every procedure ends completed or waiting on a person (an open task or an open incident). */
export function checkProcedureOutcomes(driven: DrivenProcedure[], requests: RequestRow[], workflows: Map<string, WorkflowState>, incidents: IncidentRow[]) {
  const findings: Finding[] = [];
  const counts = { started: 0, completed: 0, waitingOnPerson: 0, stuck: 0, failed: 0 };
  const byKey = groupBy(requests, (row) => row.naturalKey);
  const openIncidents = new Set(incidents.filter((incident) => incident.stato === 'APERTO').map((incident) => incident.workflowId));
  for (const procedure of driven) {
    if (procedure.abandoned) findings.push({ kind: 'abandoned', subject: procedure.key, detail: `${procedure.kind} ${procedure.naturalKey}: ${procedure.abandoned}` });
    const rows = byKey.get(procedure.naturalKey) ?? [];
    if (rows.length === 0 && procedure.created) {
      findings.push({ kind: 'loss', subject: procedure.key, detail: `${procedure.kind} ${procedure.naturalKey}: accepted by the API, but no row is stored` });
    }
    for (const row of rows) {
      counts.started++;
      const workflow = workflows.get(row.workflowId);
      const status = workflow?.status ?? 'NOT_FOUND';
      if (status === 'COMPLETED') counts.completed++;
      else if (status === 'RUNNING' && ((workflow?.openTaskIds?.length ?? 0) > 0 || openIncidents.has(row.workflowId))) counts.waitingOnPerson++;
      else if (status === 'RUNNING') {
        counts.stuck++;
        const busy = workflow?.pendingActivities?.length ? `busy with ${workflow.pendingActivities.join('; ')}` : 'no open task, no open incident, no pending activity';
        findings.push({ kind: 'stuck', subject: row.workflowId, detail: `${procedure.kind} ${procedure.naturalKey} (stato ${row.stato}) waits on nobody: ${busy}` });
      } else if (status !== 'NOT_FOUND') {
        counts.failed++;
        findings.push({ kind: 'loss', subject: row.workflowId, detail: `${procedure.kind} ${procedure.naturalKey}: workflow ended ${status}` });
      }
    }
  }
  return { counts, findings };
}

/** For every workflow, its open-tasks query and the inbox's APERTA rows name the same tasks. */
export function checkTaskAgreement(workflows: Map<string, WorkflowState>, tasks: TaskRow[]) {
  const findings: Finding[] = [];
  const byWorkflow = groupBy(tasks, (task) => task.workflowId);
  let checked = 0;
  for (const [workflowId, rows] of byWorkflow) {
    const workflow = workflows.get(workflowId);
    if (!workflow || workflow.status === 'NOT_FOUND') continue; // an orphan: checkOrphans names it
    const openRows = rows.filter((task) => task.stato === 'APERTA');
    if (workflow.status !== 'RUNNING') {
      checked += rows.length;
      for (const task of openRows) findings.push({ kind: 'disagreement', subject: task.id, detail: `task ${task.taskKey} is APERTA in the inbox, but workflow ${workflowId} is ${workflow.status}` });
    }
  }
  for (const workflow of workflows.values()) {
    if (workflow.status !== 'RUNNING') continue;
    if (workflow.openTaskIds === null) {
      findings.push({ kind: 'disagreement', subject: workflow.workflowId, detail: `open-tasks query failed: ${workflow.queryError ?? 'no answer'}` });
      continue;
    }
    const rows = byWorkflow.get(workflow.workflowId) ?? [];
    const rowById = new Map(rows.map((task) => [task.id, task]));
    const open = new Set(workflow.openTaskIds);
    checked += new Set([...open, ...rows.map((task) => task.id)]).size;
    for (const taskId of open) {
      const row = rowById.get(taskId);
      if (!row) findings.push({ kind: 'disagreement', subject: taskId, detail: `workflow ${workflow.workflowId} waits on a task the inbox does not have` });
      else if (FINAL_TASK_STATES.has(row.stato)) {
        findings.push({ kind: 'loss', subject: taskId, detail: `decision lost: the inbox says task ${row.taskKey} is ${row.stato}, workflow ${workflow.workflowId} still waits on it` });
      }
    }
    for (const row of rows) {
      if (row.stato === 'APERTA' && !open.has(row.id)) {
        findings.push({ kind: 'disagreement', subject: row.id, detail: `task ${row.taskKey} is APERTA in the inbox, but workflow ${workflow.workflowId} does not wait on it` });
      }
    }
  }
  return { checked, findings };
}

/** Every stored request and every task has its workflow in Temporal. */
export function checkOrphans(requests: RequestRow[], tasks: TaskRow[], workflows: Map<string, WorkflowState>): Finding[] {
  const missing = (workflowId: string) => (workflows.get(workflowId)?.status ?? 'NOT_FOUND') === 'NOT_FOUND';
  const findings: Finding[] = [];
  for (const row of requests) {
    if (missing(row.workflowId)) findings.push({ kind: 'orphan', subject: row.id, detail: `${row.naturalKey} (stato ${row.stato}) is stored, but its workflow ${row.workflowId} does not exist` });
  }
  for (const task of tasks) {
    if (missing(task.workflowId)) findings.push({ kind: 'orphan', subject: task.id, detail: `task ${task.taskKey} (${task.stato}) belongs to no workflow (${task.workflowId})` });
  }
  return findings;
}

/** Per register and year: numbers 1..n, each once, and the counter at n (a number taken and not registered is a gap). */
export function checkProtocolNumbers(registrations: ProtocolRow[], counters: CounterRow[]) {
  const findings: Finding[] = [];
  const registers: { register: string; count: number; max: number }[] = [];
  const groups = groupBy(registrations, (row) => `${row.aoo}/${row.register}/${row.year}`);
  const counterOf = new Map(counters.map((counter) => [`${counter.aoo}/${counter.register}/${counter.year}`, counter.lastNumber]));
  for (const name of new Set([...groups.keys(), ...counterOf.keys()])) {
    const numbers = (groups.get(name) ?? []).map((row) => row.number);
    const max = Math.max(0, ...numbers);
    registers.push({ register: name, count: numbers.length, max });
    for (const { key, count } of duplicatesBy(numbers, String)) findings.push({ kind: 'duplicate', subject: name, detail: `protocol number ${key} registered ${count} times` });
    const present = new Set(numbers);
    const missing = Array.from({ length: max }, (_, i) => i + 1).filter((n) => !present.has(n));
    if (missing.length) findings.push({ kind: 'gap', subject: name, detail: `protocol numbers missing: ${missing.join(', ')}` });
    const counter = counterOf.get(name) ?? 0;
    if (counter > max) findings.push({ kind: 'gap', subject: name, detail: `the counter is at ${counter}, the last registered number is ${max}: ${counter - max} number(s) taken and never registered` });
    if (counter < max) findings.push({ kind: 'duplicate', subject: name, detail: `the counter is at ${counter}, below the registered ${max}: the next number would be given twice` });
  }
  return { registers, findings };
}

/** One PEC per idempotency key and one per message of a procedure; every PEC reached a final state. */
export function checkPecs(pecs: PecRow[]): Finding[] {
  const findings: Finding[] = [];
  for (const { key, count } of duplicatesBy(pecs, (pec) => pec.idempotencyKey)) {
    findings.push({ kind: 'duplicate', subject: key, detail: `${count} PEC messages for one idempotency key` });
  }
  for (const { key, count } of duplicatesBy(pecs, (pec) => `${pec.workflowId} → ${pec.destinatario}: ${pec.oggetto}`)) {
    findings.push({ kind: 'duplicate', subject: key, detail: `the same PEC was sent ${count} times` });
  }
  for (const pec of pecs) {
    if (pec.stato !== 'CONSEGNATO' && pec.stato !== 'ERRORE') findings.push({ kind: 'stuck', subject: pec.id, detail: `PEC "${pec.oggetto}" of ${pec.workflowId} is still ${pec.stato}` });
  }
  return findings;
}

/** One stored communication or request per procedure the driver created (its idempotency key). */
export function checkRequestDuplicates(driven: DrivenProcedure[], requests: RequestRow[]): Finding[] {
  const counts = groupBy(requests, (row) => row.naturalKey);
  return driven
    .filter((procedure) => (counts.get(procedure.naturalKey)?.length ?? 0) > 1)
    .map((procedure) => ({
      kind: 'duplicate' as const,
      subject: procedure.key,
      detail: `${procedure.kind} ${procedure.naturalKey} stored ${counts.get(procedure.naturalKey)!.length} times for one idempotency key (workflows ${counts.get(procedure.naturalKey)!.map((row) => row.workflowId).join(', ')})`,
    }));
}

/** An open incident must say what failed and belong to a procedure that waits for it. */
export function checkIncidents(incidents: IncidentRow[], workflows: Map<string, WorkflowState>): Finding[] {
  const findings: Finding[] = [];
  for (const incident of incidents.filter((row) => row.stato === 'APERTO')) {
    const status = workflows.get(incident.workflowId)?.status ?? 'NOT_FOUND';
    if (!incident.errore.trim()) findings.push({ kind: 'incident', subject: incident.id, detail: `open incident on "${incident.step}" of ${incident.workflowId} says nothing of what failed` });
    if (status !== 'RUNNING') findings.push({ kind: 'incident', subject: incident.id, detail: `open incident on "${incident.step}", but workflow ${incident.workflowId} is ${status}: nobody will act on it` });
  }
  return findings;
}
