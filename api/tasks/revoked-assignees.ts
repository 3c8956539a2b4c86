// A person whose role is revoked loses at once the tasks they had taken under it. Reading and deciding are
// refused at once (visibility and the workflow's validators use the roles read on each request); the task
// goes back to its group through the workflow, so history and inbox both say so: at the revocation, or,
// if Temporal could not be reached then, as soon as a colleague acts on the task.
import type { Task } from '../../prisma/generated/client';
import { holdsCandidacy, type Actor, type TaskCandidates } from '../../workflows/shared/actor';
import { returnToGroupUpdate, TASK_FAILURE } from '../../workflows/shared/tasks';
import { loadActor } from '../auth/actor';
import { AppError } from '../errors';
import type { ApiRuntime } from '../runtime';
import { sendUpdate } from '../workflow-updates';
import { claimedAssignment } from './visibility';

/** A revocation answers even with Temporal down: past this, the tasks are returned by the next colleague. */
const RETURN_DEADLINE_MS = 5_000;

const candidatesOf = (task: Task): TaskCandidates => ({
  candidateEnteId: task.candidateEnteId,
  candidateRole: task.candidateRole,
  candidateArea: task.candidateArea,
});

/** The assignee of an open task, with their roles of now, if those no longer cover a task they took. */
export async function revokedAssignee(runtime: ApiRuntime, task: Task): Promise<Actor | null> {
  if (task.stato !== 'APERTA' || task.assigneeId === null) return null;
  const assignee = await loadActor(runtime.db, task.assigneeId);
  if (holdsCandidacy(assignee, candidatesOf(task))) return null;
  const claimed = await runtime.db.task.count({ where: { id: task.id, ...claimedAssignment } });
  return claimed > 0 ? assignee : null;
}

/** Sends the task back to its group; one another request has already returned is left as it is. */
async function returnToGroup(runtime: ApiRuntime, task: Task, assignee: Actor, actorId: string): Promise<void> {
  const handle = runtime.temporal.workflow.getHandle(task.workflowId);
  try {
    await sendUpdate(() => handle.executeUpdate(returnToGroupUpdate, { args: [{ taskId: task.id, assignee, actorId }] }));
  } catch (error) {
    if (error instanceof AppError && error.code === TASK_FAILURE.notOpen) return;
    throw error;
  }
}

/** Before a colleague acts on a task held by someone else: if that person lost the role, the task returns first. */
export async function returnIfRevoked(runtime: ApiRuntime, task: Task, actor: Actor): Promise<Task> {
  if (task.assigneeId === null || task.assigneeId === actor.userId) return task;
  const assignee = await revokedAssignee(runtime, task);
  if (!assignee) return task;
  await returnToGroup(runtime, task, assignee, actor.userId);
  return { ...task, assigneeId: null };
}

/** After a revocation: the person's open tasks that their remaining roles no longer cover go back to their groups. */
export async function returnTasksOfRevoked(runtime: ApiRuntime, userId: string, actorId: string): Promise<void> {
  const tasks = await runtime.db.task.findMany({ where: { stato: 'APERTA', assigneeId: userId, ...claimedAssignment } });
  if (tasks.length === 0) return;
  const assignee = await loadActor(runtime.db, userId);
  for (const task of tasks.filter((candidate) => !holdsCandidacy(assignee, candidatesOf(candidate)))) {
    try {
      await runtime.temporal.connection.withDeadline(Date.now() + RETURN_DEADLINE_MS, () => returnToGroup(runtime, task, assignee, actorId));
    } catch (error) {
      console.warn(`Task ${task.id} not returned to its group at the revocation (${(error as Error).message}): the next colleague who acts on it returns it.`);
    }
  }
}
