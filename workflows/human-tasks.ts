// The human-task engine every procedure reuses: a workflow asks a person for a decision, the decision
// arrives as an Update whose validator refuses a wrong or unauthorized one before anything is recorded,
// and the task projection (the inbox) is kept by activities.
import {
  CancellationScope,
  condition,
  currentUpdateInfo,
  isCancellation,
  proxyLocalActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import { holdsCandidacy, type Actor } from './shared/actor';
import { checkDecision, type DecisionOf, type DecisionProblem, type FormKey } from './shared/forms';
import {
  claimTaskUpdate,
  completeTaskUpdate,
  openTasksQuery,
  reassignTaskUpdate,
  releaseTaskUpdate,
  refuse,
  TASK_FAILURE,
  type OpenTask,
  type TaskSpec,
} from './shared/tasks';

// The projection writes are short, idempotent database writes: as local activities they run in the
// worker without a round-trip through the server, which keeps the inbox in step with the workflow.
const projection = proxyLocalActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds' },
});

export interface TaskOutcome<K extends FormKey> {
  decision: DecisionOf<K>;
  actor: Actor;
}

/** A rule of the procedure on top of the form's, checked in the validator (say, a file really validated). */
export type DecisionCheck<K extends FormKey> = (decision: DecisionOf<K>) => DecisionProblem | null;

interface Entry extends OpenTask {
  /** Set while the completing update runs, so a second decision is refused at once. */
  completing: boolean;
  outcome?: TaskOutcome<FormKey>;
  check?: DecisionCheck<FormKey>;
}

export class HumanTasks {
  private readonly open = new Map<string, Entry>();

  constructor() {
    setHandler(openTasksQuery, () =>
      [...this.open.values()].map(({ taskId, taskKey, candidates, assigneeId, formKey }) => ({
        taskId, taskKey, candidates, assigneeId, formKey,
      })),
    );
    setHandler(completeTaskUpdate, async ({ taskId, actor, decision }) => {
      const entry = this.entry(taskId);
      entry.completing = true;
      const { value } = checkDecision(entry.formKey, decision) as { value: DecisionOf<FormKey> };
      await projection.completeTask({ taskId, actorId: actor.userId, outcome: value });
      entry.outcome = { decision: value, actor };
    }, {
      validator: ({ taskId, actor, decision }) => {
        const entry = this.mayAct(taskId, actor);
        const checked = checkDecision(entry.formKey, decision);
        if (!checked.ok) refuse(TASK_FAILURE.invalidDecision, checked.problem.message, checked.problem.field ?? undefined);
        const problem = entry.check?.(checked.value);
        if (problem) refuse(TASK_FAILURE.invalidDecision, problem.message, problem.field ?? undefined);
      },
    });
    setHandler(claimTaskUpdate, async ({ taskId, actor }) => {
      await this.assign(taskId, actor.userId, actor.userId, 'PRESA_IN_CARICO');
    }, {
      validator: ({ taskId, actor }) => {
        const entry = this.mayAct(taskId, actor);
        if (entry.assigneeId === actor.userId) refuse(TASK_FAILURE.notOpen, "L'attività è già assegnata a te.");
      },
    });
    setHandler(releaseTaskUpdate, async ({ taskId, actor }) => {
      await this.assign(taskId, null, actor.userId, 'RILASCIATA');
    }, {
      validator: ({ taskId, actor }) => {
        const entry = this.entry(taskId);
        if (entry.assigneeId !== actor.userId) refuse(TASK_FAILURE.notAllowed, 'Puoi rilasciare solo le attività assegnate a te.');
      },
    });
    setHandler(reassignTaskUpdate, async ({ taskId, actor, assignee }) => {
      await this.assign(taskId, assignee.userId, actor.userId, 'RIASSEGNATA');
    }, {
      validator: ({ taskId, actor, assignee }) => {
        const entry = this.entry(taskId);
        const mayReassign = entry.assigneeId === actor.userId || (entry.assigneeId === null && holdsCandidacy(actor, entry.candidates));
        if (!mayReassign) refuse(TASK_FAILURE.notAllowed, "Solo l'assegnatario può riassegnare l'attività.");
        if (!holdsCandidacy(assignee, entry.candidates)) {
          refuse(TASK_FAILURE.invalidDecision, `${assignee.nomeCompleto} non ha il ruolo richiesto per questa attività.`, 'assigneeId');
        }
      },
    });
  }

  /** Opens a task and waits for its decision; if the procedure is cancelled, the task is cancelled too. */
  async ask<K extends FormKey>(spec: TaskSpec & { formKey: K }, check?: DecisionCheck<K>): Promise<TaskOutcome<K>> {
    return (await this.askUntil(spec, undefined, check))!;
  }

  /** Like ask, but past `deadline` (epoch ms) the task is cancelled and the answer is null. */
  async askUntil<K extends FormKey>(spec: TaskSpec & { formKey: K }, deadline: number | undefined, check?: DecisionCheck<K>): Promise<TaskOutcome<K> | null> {
    const taskId = uuid4();
    const entry: Entry = {
      taskId,
      taskKey: spec.taskKey,
      candidates: spec.candidates,
      assigneeId: spec.assigneeId ?? null,
      formKey: spec.formKey,
      completing: false,
      check: check as DecisionCheck<FormKey> | undefined,
    };
    // Registered before the projection makes the task visible: a person may act on it at once.
    this.open.set(taskId, entry);
    try {
      await projection.openTask({ ...spec, taskId, workflowId: workflowInfo().workflowId });
      const answered = deadline === undefined
        ? await condition(() => entry.outcome !== undefined).then(() => true)
        : await condition(() => entry.outcome !== undefined, Math.max(0, deadline - Date.now()));
      // A decision already being recorded when the deadline passed still counts.
      if (!answered && entry.completing) await condition(() => entry.outcome !== undefined);
      else if (!answered) {
        entry.completing = true;
        await projection.cancelTask({ taskId });
        return null;
      }
      return entry.outcome as TaskOutcome<K>;
    } catch (error) {
      if (isCancellation(error)) {
        await CancellationScope.nonCancellable(() => projection.cancelTask({ taskId }));
      }
      throw error;
    } finally {
      this.open.delete(taskId);
    }
  }

  /** Moves the due date of the open task `taskKey`, if one is open: a deadline extended by the Region. */
  async reschedule(taskKey: string, dueAt: string | null): Promise<void> {
    const entry = [...this.open.values()].find((candidate) => candidate.taskKey === taskKey && !candidate.completing);
    if (!entry) return;
    await projection.rescheduleTask({ taskId: entry.taskId, dueAt, eventKey: `${entry.taskId}:${uuid4()}` });
  }

  private entry(taskId: string): Entry {
    const entry = this.open.get(taskId);
    if (!entry || entry.completing) refuse(TASK_FAILURE.notOpen, "L'attività non è più aperta.");
    return entry;
  }

  /** The actor may act on a task they hold, or on an unassigned one their role covers. */
  private mayAct(taskId: string, actor: Actor): Entry {
    const entry = this.entry(taskId);
    if (entry.assigneeId !== null && entry.assigneeId !== actor.userId) {
      refuse(TASK_FAILURE.notAllowed, "L'attività è assegnata a un altro utente: chiedi di rilasciarla o riassegnarla.");
    }
    if (entry.assigneeId === null && !holdsCandidacy(actor, entry.candidates)) {
      refuse(TASK_FAILURE.notAllowed, 'Non hai il ruolo richiesto per questa attività.');
    }
    return entry;
  }

  private async assign(taskId: string, assigneeId: string | null, actorId: string, tipo: 'PRESA_IN_CARICO' | 'RILASCIATA' | 'RIASSEGNATA') {
    const entry = this.entry(taskId);
    const eventKey = `${taskId}:${currentUpdateInfo()?.id ?? tipo}`;
    await projection.assignTask({ taskId, assigneeId, actorId, tipo, eventKey });
    entry.assigneeId = assigneeId;
  }
}
