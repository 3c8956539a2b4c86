// The istruttoria of a request: an istruttore approves it, rejects it with reasons, or asks the ente for an
// integration by a deadline (a task and a PEC to the ente); past the deadline the request lapses, with a
// notice; an integration received starts the next round. Round after round until an outcome.
// The procedure says what each step means for its own records through the hooks; the block keeps the
// order of the steps, the rounds' task keys and the deadlines.
import type { DecisionCheck, HumanTasks, TaskOutcome } from '../human-tasks';
import type { DecisionOf, FormKey } from '../shared/forms';
import type { Message } from '../shared/messages';
import type { TaskDataOf } from '../shared/task-data';
import type { TaskSpec } from '../shared/tasks';
import type { Notices } from './notices';

/** A review form: its decision says approve, reject or ask for an integration within some days. */
type ReviewForm = { [K in FormKey]: DecisionOf<K> extends { esito: 'APPROVA' | 'RESPINGI' | 'INTEGRAZIONE'; richiesta?: string; giorniIntegrazione?: number } ? K : never }[FormKey];

export type ReviewOutcome<R extends ReviewForm> = TaskOutcome<R>;

export interface IstruttoriaSteps<R extends ReviewForm, I extends FormKey> {
  /** Before the tasks' keys, for a procedure with a second istruttoria (a report after the request). */
  keyPrefix?: string;
  /** The istruttore's task of a round (`istruttoria-<round>` is the block's). */
  review: (round: number) => Omit<TaskSpec, 'taskKey'> & { formKey: R; data: TaskDataOf<R> };
  integration: {
    /** Where the ente's PEC goes. */
    pec: string;
    /** How long a "day" of the deadline lasts (tests shorten it). */
    dayMs: number;
    /** The procedure records the request for an integration (its state, its rows) before the ente is told. */
    requested: (review: ReviewOutcome<R>, scadenza: string) => Promise<void>;
    message: (review: ReviewOutcome<R>, scadenza: string) => Message;
    /** The ente's task, due at the deadline (`integrazione-<round>` is the block's). */
    task: (review: ReviewOutcome<R>, scadenza: string) => Omit<TaskSpec, 'taskKey' | 'dueAt'> & { formKey: I; data: TaskDataOf<I> };
    /** The procedure's own rule on the answer, on top of its form's (checked before it is accepted). */
    check?: DecisionCheck<I>;
    received: (answer: TaskOutcome<I>) => Promise<void>;
    /** The procedure records the lapse; the block then tells the ente. */
    lapsed: (scadenza: string) => Promise<void>;
    lapseMessage: (scadenza: string) => Message;
  };
}

export type IstruttoriaOutcome<R extends ReviewForm> =
  | { esito: 'APPROVA' | 'RESPINGI'; review: ReviewOutcome<R>; round: number }
  | { esito: 'DECADUTA'; round: number };

export class Istruttoria<R extends ReviewForm, I extends FormKey> {
  /** The current round: a later step of the procedure (the dirigente's signature) names its task by it. */
  round = 0;

  constructor(private readonly kit: { tasks: HumanTasks; notices: Notices }, private readonly steps: IstruttoriaSteps<R, I>) {}

  /** Runs rounds until the istruttore approves or rejects, or the request lapses. Called again, a new round. */
  async decide(): Promise<IstruttoriaOutcome<R>> {
    const { tasks, notices } = this.kit;
    const integration = this.steps.integration;
    for (;;) {
      const round = ++this.round;
      const prefix = this.steps.keyPrefix ?? '';
      const review = await tasks.ask({ ...this.steps.review(round), taskKey: `${prefix}istruttoria-${round}` } as TaskSpec & { formKey: R; data: TaskDataOf<R> });
      const decision = review.decision as DecisionOf<ReviewForm>;
      if (decision.esito !== 'INTEGRAZIONE') return { esito: decision.esito, review, round };

      const deadline = Date.now() + decision.giorniIntegrazione! * integration.dayMs;
      const scadenza = new Date(deadline).toISOString();
      await integration.requested(review, scadenza);
      await notices.send(`${prefix}integrazione-${round}`, integration.pec, integration.message(review, scadenza));
      const answer = await tasks.askUntil({ ...integration.task(review, scadenza), taskKey: `${prefix}integrazione-${round}`, dueAt: scadenza } as TaskSpec & { formKey: I; data: TaskDataOf<I> }, deadline, integration.check);
      if (!answer) {
        await integration.lapsed(scadenza);
        await tasks.settled();
        await notices.send(`${prefix}decadenza`, integration.pec, integration.lapseMessage(scadenza));
        return { esito: 'DECADUTA', round };
      }
      await integration.received(answer);
    }
  }
}
