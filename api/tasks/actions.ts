import { createHash, randomUUID } from 'node:crypto';
import { completionUpdateId, createTaskProjection } from '../../activities/tasks/task-projection';
import { holdsCandidacy, type Actor } from '../../workflows/shared/actor';
import { RECEIPT_FIRST_FORMS, type FormKey } from '../../workflows/shared/forms';
import {
  claimTaskUpdate,
  completeTaskUpdate,
  reassignTaskUpdate,
  releaseTaskUpdate,
} from '../../workflows/shared/tasks';
import { loadActor } from '../auth/actor';
import { AppError } from '../errors';
import { sendUpdate } from '../workflow-updates';
import type { ApiRuntime } from '../runtime';
import type { Person } from '../views';
import { checkTaskFiles } from './documents';
import { findVisibleTaskToAct, notOpen } from './queries';
import { returnIfRevoked } from './revoked-assignees';
import { submitTask } from './submissions';

async function openTaskHandle(runtime: ApiRuntime, actor: Actor, taskId: string) {
  const task = await findVisibleTaskToAct(runtime, actor, taskId);
  if (task.stato !== 'APERTA') throw notOpen(task);
  await returnIfRevoked(runtime, task, actor);
  return { task, handle: runtime.temporal.workflow.getHandle(task.workflowId) };
}

/**
 * Temporal's update id for a decision: the client's Idempotency-Key scoped to the task and the user, so
 * Temporal records a retried decision once. Without a key every request is a decision of its own.
 */
export function decisionUpdateId(taskId: string, userId: string, idempotencyKey: string | undefined): string {
  if (!idempotencyKey) return randomUUID();
  return `decisione-${createHash('sha256').update(`${taskId}\n${userId}\n${idempotencyKey}`).digest('hex')}`;
}

export async function claimTask(runtime: ApiRuntime, actor: Actor, taskId: string) {
  const { handle } = await openTaskHandle(runtime, actor, taskId);
  await sendUpdate(() => handle.executeUpdate(claimTaskUpdate, { args: [{ taskId, actor }] }));
}

export async function releaseTask(runtime: ApiRuntime, actor: Actor, taskId: string) {
  const { handle } = await openTaskHandle(runtime, actor, taskId);
  await sendUpdate(() => handle.executeUpdate(releaseTaskUpdate, { args: [{ taskId, actor }] }));
}

export async function reassignTask(runtime: ApiRuntime, actor: Actor, taskId: string, assigneeId: string) {
  const { handle } = await openTaskHandle(runtime, actor, taskId);
  if (!(await runtime.db.user.findUnique({ where: { id: assigneeId }, select: { id: true } }))) {
    throw new AppError('DATI_NON_VALIDI', 422, 'assigneeId: utente non trovato.', 'assigneeId');
  }
  const assignee = await loadActor(runtime.db, assigneeId);
  await sendUpdate(() => handle.executeUpdate(reassignTaskUpdate, { args: [{ taskId, actor, assignee }] }));
}

/**
 * Hands a decision to the workflow (a receipt-first form's by Signal: ./submissions). Once executeUpdate returns, history holds it: the API writes the
 * inbox row itself (the workflow's own write of the same row then changes nothing), so the person sees it
 * at once. A retry of a decision already recorded, with the same key, answers as the first request did.
 */
export async function completeTask(runtime: ApiRuntime, actor: Actor, taskId: string, decision: unknown, idempotencyKey?: string) {
  const updateId = decisionUpdateId(taskId, actor.userId, idempotencyKey);
  const task = await findVisibleTaskToAct(runtime, actor, taskId);
  if (task.stato !== 'APERTA') {
    if (idempotencyKey && (await completionUpdateId(runtime.db, taskId)) === updateId) return;
    throw notOpen(task);
  }
  const current = await returnIfRevoked(runtime, task, actor);
  if (RECEIPT_FIRST_FORMS.has(task.formKey as FormKey)) return submitTask(runtime, actor, current, decision, updateId);
  if (decision && typeof decision === 'object') await checkTaskFiles(runtime, task, decision as Record<string, unknown>);
  const handle = runtime.temporal.workflow.getHandle(task.workflowId);
  // The update's result is the decision as history holds it (the first request's, on a retry).
  const recorded = await sendUpdate(() => handle.executeUpdate(completeTaskUpdate, { args: [{ taskId, actor, decision }], updateId }));
  await createTaskProjection(runtime.db).completeTask({ taskId, ...recorded, updateId });
}

/** The people a task may be reassigned to: active users whose roles cover it. */
export async function reassignCandidates(runtime: ApiRuntime, actor: Actor, taskId: string): Promise<Person[]> {
  const task = await findVisibleTaskToAct(runtime, actor, taskId);
  const users = await runtime.db.user.findMany({
    where: { roles: { some: { enteId: task.candidateEnteId, revokedAt: null } } },
    include: { roles: { where: { revokedAt: null } } },
    orderBy: [{ cognome: 'asc' }, { nome: 'asc' }],
  });
  const candidates = { candidateEnteId: task.candidateEnteId, candidateRole: task.candidateRole, candidateArea: task.candidateArea };
  return users
    .filter((user) => holdsCandidacy({ userId: user.id, codiceFiscale: user.codiceFiscale, nomeCompleto: '', roles: user.roles }, candidates))
    .map((user) => ({ id: user.id, nomeCompleto: `${user.nome} ${user.cognome}` }));
}
