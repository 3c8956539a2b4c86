import { holdsCandidacy, type Actor } from '../../workflows/shared/actor';
import {
  claimTaskUpdate,
  completeTaskUpdate,
  reassignTaskUpdate,
  releaseTaskUpdate,
  TASK_FAILURE,
} from '../../workflows/shared/tasks';
import { loadActor } from '../auth/actor';
import { AppError } from '../errors';
import { sendUpdate } from '../workflow-updates';
import type { ApiRuntime } from '../runtime';
import { findVisibleTask } from './queries';

async function openTaskHandle(runtime: ApiRuntime, actor: Actor, taskId: string) {
  const task = await findVisibleTask(runtime, actor, taskId);
  if (task.stato !== 'APERTA') throw new AppError(TASK_FAILURE.notOpen, 409, "L'attività non è più aperta.");
  return { task, handle: runtime.temporal.workflow.getHandle(task.workflowId) };
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

export async function completeTask(runtime: ApiRuntime, actor: Actor, taskId: string, decision: unknown) {
  const { handle } = await openTaskHandle(runtime, actor, taskId);
  await sendUpdate(() => handle.executeUpdate(completeTaskUpdate, { args: [{ taskId, actor, decision }] }));
}

/** The people a task may be reassigned to: active users whose roles cover it. */
export async function reassignCandidates(runtime: ApiRuntime, actor: Actor, taskId: string) {
  const task = await findVisibleTask(runtime, actor, taskId);
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
