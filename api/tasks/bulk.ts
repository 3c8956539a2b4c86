// Acting on many of a group's tasks at once: take them all, or give them all to a colleague — what an
// office head does each morning. Each task goes through the very action of its own page (its checks, its
// workflow's validator), and the answer says, task by task, what was done and what was refused and why.
import { z } from 'zod';
import type { Actor } from '../../workflows/shared/actor';
import { AppError } from '../errors';
import type { ApiRuntime } from '../runtime';
import { claimTask, reassignTask } from './actions';
import type { BulkOutcome } from './views';

const MAX_TASKS = 100;
/** A few at a time: each is a round-trip to its workflow; all at once would crowd the engine. */
const AT_ONCE = 4;

export const ZBulkRequest = z
  .object({
    azione: z.enum(['PRENDI_IN_CARICO', 'RIASSEGNA'], { error: 'scegli se prendere in carico o riassegnare le attività' }),
    taskIds: z
      .array(z.string().uuid('identificativo di attività non valido'), { error: 'scegli le attività' })
      .min(1, 'scegli almeno un’attività')
      .max(MAX_TASKS, `al massimo ${MAX_TASKS} attività alla volta`),
    assigneeId: z.string().uuid('scegli a chi riassegnare').optional(),
  })
  .superRefine((value, ctx) => {
    if (value.azione === 'RIASSEGNA' && !value.assigneeId) ctx.addIssue({ code: 'custom', path: ['assigneeId'], message: 'scegli a chi riassegnare' });
  });

export async function actOnTasks(runtime: ApiRuntime, actor: Actor, request: z.infer<typeof ZBulkRequest>): Promise<BulkOutcome[]> {
  const ids = [...new Set(request.taskIds)];
  const outcomes: BulkOutcome[] = [];
  for (let start = 0; start < ids.length; start += AT_ONCE) {
    outcomes.push(...(await Promise.all(ids.slice(start, start + AT_ONCE).map(async (taskId): Promise<BulkOutcome> => {
      try {
        if (request.azione === 'PRENDI_IN_CARICO') await claimTask(runtime, actor, taskId);
        else await reassignTask(runtime, actor, taskId, request.assigneeId!);
        return { taskId, ok: true };
      } catch (error) {
        // A refusal is that task's answer; anything else (the engine down) fails the request as usual.
        if (error instanceof AppError && error.status < 500) return { taskId, ok: false, messaggio: error.message };
        throw error;
      }
    }))));
  }
  return outcomes;
}
