// The messages every procedure's human tasks answer to. The API imports this module, never workflow code.
import { ApplicationFailure, defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { holdsCandidacy, type Actor, type TaskCandidates } from './actor';
import type { FormKey } from './forms';
import type { ProcedureId } from './procedures';

/** What a workflow asks of a person. */
export interface TaskSpec {
  /** The step of the procedure: unique within the workflow, it makes opening the task idempotent. */
  taskKey: string;
  titolo: string;
  procedura: ProcedureId;
  /** The ente whose matter this is. */
  enteId: string;
  candidates: TaskCandidates;
  assigneeId?: string | null;
  /** ISO date-time; past it the inbox marks the task overdue. */
  dueAt?: string | null;
  formKey: FormKey;
  data: Record<string, unknown>;
}

export interface OpenTask {
  taskId: string;
  taskKey: string;
  candidates: TaskCandidates;
  assigneeId: string | null;
  formKey: FormKey;
}

export interface CompleteTaskInput {
  taskId: string;
  actor: Actor;
  decision: unknown;
}

export interface ClaimTaskInput {
  taskId: string;
  actor: Actor;
}

export interface ReassignTaskInput {
  taskId: string;
  actor: Actor;
  /** The new assignee as the API loaded them: the workflow checks they may take the task. */
  assignee: Actor;
}

/**
 * A decision of a receipt-first form (`RECEIPT_FIRST_FORMS`), received and checked by the API, recorded in
 * TaskSubmission and sent by Signal: the person has their answer once history holds it, without waiting for
 * the workflow's step. The workflow takes it as the API checked it (a second delivery changes nothing).
 */
export interface SubmittedTask {
  taskId: string;
  /** Its identity, as an Update's id is: the completion's event in the inbox names it. */
  submissionId: string;
  actor: Actor;
  /** The decision as the form's schema parsed it. */
  decision: unknown;
  /** ISO date-time the API received it: within the window, whenever the Signal arrives. */
  receivedAt: string;
}

/** Returns the decision as the workflow recorded it, so the API can write the same projection row. */
export interface CompletedTask {
  actorId: string;
  outcome: unknown;
  /** Nobody held the task: completing it took it first, and its history says so. */
  presaImplicita?: boolean;
}

/**
 * Returns to the group a task whose assignee no longer holds its candidacy (a revoked role). `assignee`
 * is the assignee as the API loaded them, roles read now: the workflow checks they really lost it.
 */
export interface ReturnToGroupInput {
  taskId: string;
  assignee: Actor;
  /** Who caused it: the person who revoked the role, or the colleague taking the task over. */
  actorId: string;
}

/** Why a task went back to the group: shown in its history. */
export const RUOLO_REVOCATO = 'ruolo revocato';
/** Why a task was taken by whoever completed it: nobody held it. */
export const PRESA_AL_COMPLETAMENTO = 'al completamento';

export const completeTaskUpdate = defineUpdate<CompletedTask, [CompleteTaskInput]>('completeTask');
export const claimTaskUpdate = defineUpdate<void, [ClaimTaskInput]>('claimTask');
export const releaseTaskUpdate = defineUpdate<void, [ClaimTaskInput]>('releaseTask');
export const reassignTaskUpdate = defineUpdate<void, [ReassignTaskInput]>('reassignTask');
export const returnToGroupUpdate = defineUpdate<void, [ReturnToGroupInput]>('returnTaskToGroup');
export const submitTaskSignal = defineSignal<[SubmittedTask]>('submitTask');
export const openTasksQuery = defineQuery<OpenTask[]>('openTasks');

/** Failure types the API maps to HTTP answers. */
export const TASK_FAILURE = {
  invalidDecision: 'DATI_NON_VALIDI',
  notAllowed: 'NON_AUTORIZZATO',
  notOpen: 'ATTIVITA_NON_APERTA',
} as const;

/**
 * Why `actor` may not act on a task, or null: they hold it, or it is unassigned and their role covers it, or
 * they substitute its holder who is away. `named`: the procedure itself named the assignee, who needs no role.
 * One predicate for the workflow's validators and the API's receipt-first submissions.
 */
export function actingProblem(
  task: { assigneeId: string | null; candidates: TaskCandidates; named: boolean },
  actor: Actor,
): { type: string; message: string } | null {
  const substitutes = task.assigneeId !== null && (actor.sostituisce ?? []).includes(task.assigneeId);
  if (task.assigneeId !== null && task.assigneeId !== actor.userId && !substitutes) {
    return { type: TASK_FAILURE.notAllowed, message: "L'attività è assegnata a un altro utente: chiedi di rilasciarla o riassegnarla." };
  }
  if (!holdsCandidacy(actor, task.candidates) && !(task.named && task.assigneeId === actor.userId)) {
    return { type: TASK_FAILURE.notAllowed, message: 'Non hai il ruolo richiesto per questa attività.' };
  }
  return null;
}

/** Refuses an Update in its validator: the API answers with `type`'s status and the Italian message, naming `field`. */
export function refuse(type: string, message: string, field?: string): never {
  throw ApplicationFailure.create({ type, message, details: field ? [{ field }] : [], nonRetryable: true });
}
