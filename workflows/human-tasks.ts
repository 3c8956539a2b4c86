// The human-task engine every procedure reuses: a workflow asks a person for a decision, the decision
// arrives as an Update whose validator refuses a wrong or unauthorized one before anything is recorded,
// and the task projection (the inbox) is kept by activities.
//
// The projection never runs ahead of the workflow's history: every write is a regular activity, scheduled
// by the workflow task that records the change, so it runs only once Temporal has persisted that task
// (a local activity would run before, and a crash in between would leave the inbox saying what history
// does not hold). With eager activity dispatch the server hands the write back in its answer to that
// workflow task, so it costs no extra poll. Each write is idempotent by its event key.
import {
  CancellationScope,
  condition,
  currentUpdateInfo,
  isCancellation,
  log,
  patched,
  proxyActivities,
  setHandler,
  uuid4,
  workflowInfo,
} from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { Incidents } from './incidents';
import { holdsCandidacy, type Actor } from './shared/actor';
import { checkDecision, RECEIPT_FIRST_FORMS, type DecisionOf, type DecisionProblem, type FormKey } from './shared/forms';
import type { TaskDataOf } from './shared/task-data';
import {
  actingProblem,
  claimTaskUpdate,
  completeTaskUpdate,
  openTasksQuery,
  reassignTaskUpdate,
  releaseTaskUpdate,
  refuse,
  returnToGroupUpdate,
  RUOLO_REVOCATO,
  submitTaskSignal,
  TASK_FAILURE,
  type CompletedTask,
  type OpenTask,
  type SubmittedTask,
  type TaskSpec,
} from './shared/tasks';

// Short, idempotent database writes; a lost worker's write is retried after the start-to-close timeout.
// Bounded (a few minutes of a database that does not answer): past them the procedure opens an incident.
const projection = proxyActivities<Activities>({
  startToCloseTimeout: '10 seconds',
  retry: { initialInterval: '200 milliseconds', maximumInterval: '10 seconds', maximumAttempts: 30 },
});

type Projection = typeof projection;

export interface TaskOutcome<K extends FormKey> {
  decision: DecisionOf<K>;
  actor: Actor;
}

/** A rule of the procedure on top of the form's, checked in the validator (say, a file really validated). */
export type DecisionCheck<K extends FormKey> = (decision: DecisionOf<K>) => DecisionProblem | null;

interface Entry extends OpenTask {
  /** Set once a decision is recorded, or the task is being cancelled: any later decision is refused. */
  completing: boolean;
  outcome?: TaskOutcome<FormKey>;
  check?: DecisionCheck<FormKey>;
  /** The procedure itself named the assignee (spec.assigneeId) and nobody changed it: they need no role. */
  named: boolean;
  /** The task's projection writes, chained so that they land in the order the workflow made the changes. */
  writes: Promise<void>;
}

/**
 * A procedure's human tasks. A procedure that uses it ends with `await tasks.settled()`, so the inbox
 * has its last decision written before the workflow closes.
 */
export class HumanTasks {
  private readonly open = new Map<string, Entry>();
  private readonly pending = new Set<Promise<void>>();
  /** The writes the procedure's own flow makes (open, complete, cancel, reschedule): a failure is an incident. */
  private readonly guarded: Projection;

  /**
   * `incidents`: the procedure's, so that a projection write that can never succeed (text the database
   * refuses) opens an incident and waits for an administrator instead of failing the procedure. Writes an
   * assignment Update waits for stay unguarded: their failure is the answer to the person who asked.
   */
  constructor(incidents?: Incidents) {
    this.guarded = incidents ? incidents.guard(projection) : projection;
    setHandler(openTasksQuery, () =>
      [...this.open.values()].map(({ taskId, taskKey, candidates, assigneeId, formKey }) => ({
        taskId, taskKey, candidates, assigneeId, formKey,
      })),
    );
    // Synchronous: the decision is recorded in the same workflow task that accepts the Update, which also
    // schedules its projection write and whatever the procedure does next (the next task's opening).
    setHandler(completeTaskUpdate, ({ taskId, actor, decision }) => {
      const entry = this.entry(taskId);
      const { value } = checkDecision(entry.formKey, decision) as { value: DecisionOf<FormKey> };
      return this.record(entry, value, actor, currentUpdateInfo()!.id);
    }, {
      validator: ({ taskId, actor, decision }) => {
        const entry = this.mayAct(taskId, actor);
        // One way in for a receipt-first form: its submissions are exclusive through their TaskSubmission row.
        if (RECEIPT_FIRST_FORMS.has(entry.formKey)) refuse(TASK_FAILURE.invalidDecision, 'Questa attività si presenta con ricevuta immediata: usa la pagina dell’attività.');
        const checked = checkDecision(entry.formKey, decision);
        if (!checked.ok) refuse(TASK_FAILURE.invalidDecision, checked.problem.message, checked.problem.field ?? undefined);
        const problem = entry.check?.(checked.value);
        if (problem) refuse(TASK_FAILURE.invalidDecision, problem.message, problem.field ?? undefined);
      },
    });
    setHandler(submitTaskSignal, (submission) => this.receive(submission));
    // The assignment updates complete once their row is written: the API answers with the task as it is now.
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
        const mayReassign = (entry.assigneeId === actor.userId || entry.assigneeId === null || this.substitutes(actor, entry)) && this.holds(entry, actor);
        if (!mayReassign) refuse(TASK_FAILURE.notAllowed, "Solo l'assegnatario può riassegnare l'attività.");
        if (!holdsCandidacy(assignee, entry.candidates)) {
          refuse(TASK_FAILURE.invalidDecision, `${assignee.nomeCompleto} non ha il ruolo richiesto per questa attività.`, 'assigneeId');
        }
      },
    });
    setHandler(returnToGroupUpdate, async ({ taskId, actorId }) => {
      await this.assign(taskId, null, actorId, 'RILASCIATA', RUOLO_REVOCATO);
    }, {
      validator: ({ taskId, assignee }) => {
        const entry = this.entry(taskId);
        if (entry.assigneeId !== assignee.userId) refuse(TASK_FAILURE.notOpen, `L'attività non è più assegnata a ${assignee.nomeCompleto}.`);
        if (this.holds(entry, assignee)) refuse(TASK_FAILURE.notAllowed, `${assignee.nomeCompleto} ha ancora il ruolo richiesto per questa attività.`);
      },
    });
  }

  /** Opens a task and waits for its decision; if the procedure is cancelled, the task is cancelled too. */
  async ask<K extends FormKey>(spec: TaskSpec & { formKey: K; data: TaskDataOf<K> }, check?: DecisionCheck<K>): Promise<TaskOutcome<K>> {
    return (await this.askUntil(spec, undefined, check))!;
  }

  /**
   * Like ask, but past `deadline` (epoch ms) the task is cancelled and the answer is null. A deadline that may
   * move (a call's window extended) is a function, read again whenever the workflow's state changes.
   */
  async askUntil<K extends FormKey>(spec: TaskSpec & { formKey: K; data: TaskDataOf<K> }, deadline: number | (() => number) | undefined, check?: DecisionCheck<K>): Promise<TaskOutcome<K> | null> {
    const taskId = uuid4();
    const entry: Entry = {
      taskId,
      taskKey: spec.taskKey,
      candidates: spec.candidates,
      assigneeId: spec.assigneeId ?? null,
      formKey: spec.formKey,
      completing: false,
      check: check as DecisionCheck<FormKey> | undefined,
      named: Boolean(spec.assigneeId),
      writes: Promise.resolve(),
    };
    // Registered before the projection makes the task visible: a person may act on it at once.
    this.open.set(taskId, entry);
    try {
      await this.write(entry, () => this.guarded.openTask({ ...spec, taskId, workflowId: workflowInfo().workflowId }));
      const answered = deadline === undefined
        ? await condition(() => entry.outcome !== undefined).then(() => true)
        : await this.answeredBy(entry, typeof deadline === 'number' ? () => deadline : deadline);
      // The decision is recorded synchronously, so past the deadline without an outcome there is none; but a
      // receipt-first submission received in time may still be on its way: closing its row tells which came first.
      if (!answered && RECEIPT_FIRST_FORMS.has(spec.formKey) && patched('ricevuta-immediata-alla-scadenza')) {
        const received = await this.guarded.closeSubmissions({ taskId, workflowId: workflowInfo().workflowId });
        if (received) this.receive(received);
        if (entry.outcome) return entry.outcome as TaskOutcome<K>;
      }
      if (!answered) {
        entry.completing = true;
        await this.write(entry, () => this.guarded.cancelTask({ taskId }));
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

  /**
   * Waits for the decision until the deadline, re-planned when it moves. A fixed deadline waits once, with
   * the same timer as always: histories recorded before a deadline could move replay unchanged.
   */
  private async answeredBy(entry: Entry, deadline: () => number): Promise<boolean> {
    for (;;) {
      const planned = deadline();
      const woken = await condition(() => entry.outcome !== undefined || deadline() !== planned, Math.max(0, planned - Date.now()));
      if (entry.outcome !== undefined) return true;
      if (!woken) return false;
    }
  }

  /** Moves the due date of the open task `taskKey`, if one is open: a deadline extended by the Region. */
  async reschedule(taskKey: string, dueAt: string | null): Promise<void> {
    const entry = [...this.open.values()].find((candidate) => candidate.taskKey === taskKey && !candidate.completing);
    if (!entry) return;
    const eventKey = `${entry.taskId}:${uuid4()}`;
    await this.write(entry, () => this.guarded.rescheduleTask({ taskId: entry.taskId, dueAt, eventKey }));
  }

  /** The decision recorded: the task is closed to any other, its completion written to the inbox. */
  private record(entry: Entry, value: DecisionOf<FormKey>, actor: Actor, updateId: string): CompletedTask {
    // Only who holds a task completes it: an unassigned one is taken in the same step, and its history says so.
    const completed = { actorId: actor.userId, outcome: value, ...(entry.assigneeId === null ? { presaImplicita: true } : {}) };
    entry.completing = true;
    entry.outcome = { decision: value, actor };
    void this.write(entry, () => this.guarded.completeTask({ taskId: entry.taskId, ...completed, updateId }));
    return completed;
  }

  /**
   * A receipt-first submission: the API checked it against the same rules and recorded it first in its task's
   * row, so it is taken as it comes. A second delivery (the reconciler's, a retried request) finds the task
   * completed and changes nothing.
   */
  private receive({ taskId, submissionId, actor, decision }: SubmittedTask): void {
    const entry = this.open.get(taskId);
    if (!entry || entry.completing || !RECEIPT_FIRST_FORMS.has(entry.formKey)) return;
    const checked = checkDecision(entry.formKey, decision);
    if (!checked.ok) {
      log.warn('receipt-first submission not taken: the form refuses it', { taskId, submissionId, problem: checked.problem.message });
      return;
    }
    this.record(entry, checked.value, actor, submissionId);
  }

  /** Resolves once every projection write scheduled so far has landed: call it before the procedure returns. */
  async settled(): Promise<void> {
    await condition(() => this.pending.size === 0);
  }

  /** Chains a projection write after the task's earlier ones; `settled` waits for it. */
  private write(entry: Entry, run: () => Promise<void>): Promise<void> {
    const written = entry.writes.then(run);
    entry.writes = written.catch(() => undefined);
    this.pending.add(written);
    const forget = () => this.pending.delete(written);
    written.then(forget, forget);
    return written;
  }

  private entry(taskId: string): Entry {
    const entry = this.open.get(taskId);
    if (!entry || entry.completing) refuse(TASK_FAILURE.notOpen, "L'attività non è più aperta.");
    return entry;
  }

  /**
   * Whether the actor may hold the task: their roles, read by the API on this very request, cover it; or
   * the procedure named them. A revoked referente keeps no claimed task.
   */
  private holds(entry: Entry, actor: Actor): boolean {
    return holdsCandidacy(actor, entry.candidates) || (entry.named && entry.assigneeId === actor.userId);
  }

  /** The actor may act on a task they hold, an unassigned one their role covers, or one of a colleague away they substitute. */
  private mayAct(taskId: string, actor: Actor): Entry {
    const entry = this.entry(taskId);
    const problem = actingProblem(entry, actor);
    if (problem) refuse(problem.type, problem.message);
    return entry;
  }

  /** The task's holder is away and named the actor their substitute (the API read it for this request). */
  private substitutes(actor: Actor, entry: Entry): boolean {
    return entry.assigneeId !== null && (actor.sostituisce ?? []).includes(entry.assigneeId);
  }

  /** The new assignee holds the task at once; the handler returns when the inbox shows it. */
  private async assign(taskId: string, assigneeId: string | null, actorId: string, tipo: 'PRESA_IN_CARICO' | 'RILASCIATA' | 'RIASSEGNATA', motivo?: string) {
    const entry = this.entry(taskId);
    entry.assigneeId = assigneeId;
    entry.named = false;
    const eventKey = `${taskId}:${currentUpdateInfo()?.id ?? tipo}`;
    await this.write(entry, () => projection.assignTask({ taskId, assigneeId, actorId, tipo, eventKey, motivo }));
  }
}
