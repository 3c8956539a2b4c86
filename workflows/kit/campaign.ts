// A campaign: the Region asks every ente in scope for the same thing by a deadline (the stock at a date, an
// application to a call, a planning window). It starts one child procedure per ente — or reuses the one the
// ente already opened — gives each the deadline and moves it on an extension, sends the opening notice and
// reminders at offsets from the deadline only to those still due, and answers who is where.
import {
  condition,
  defineQuery,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  setHandler,
  startChild,
  WorkflowIdReusePolicy,
  type SignalDefinition,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import { startingSearchAttributes } from '../../temporal-config/settings';
import type { ProcedureDescriptor } from '../shared/procedure';

export interface CampaignEnte {
  enteId: string;
  denominazione: string;
  pec: string | null;
}

/** Where an ente stands: its procedure running (started by the campaign or by the ente), or concluded. */
export interface CampaignEnteStatus {
  enteId: string;
  denominazione: string;
  stato: 'IN_CORSO' | 'CONCLUSA';
}

export interface CampaignStatus {
  scadenza: string;
  chiusa: boolean;
  solleciti: string[];
  enti: CampaignEnteStatus[];
}

export const campaignStatusQuery = defineQuery<CampaignStatus>('statoCampagna');

/** The notices of a round: "avvio", or "<days>@<deadline>" for a reminder; one per ente and round. */
export interface CampaignRound {
  key: string;
  kind: 'AVVIO' | 'SOLLECITO';
  scadenza: string;
}

export interface CampaignSpec<I> {
  child: {
    workflow: (input: I) => Promise<unknown>;
    procedure: ProcedureDescriptor;
    workflowId: (enteId: string) => string;
    input: (ente: CampaignEnte, scadenza: string) => I;
    /** The child's signal that sets or moves its deadline. */
    deadline: SignalDefinition<[{ scadenza: string }]>;
  };
  scadenza: string;
  /** Days from the deadline on which those still due are reminded (negative: before it). */
  reminderDays: readonly number[];
  dayMs: number;
  /** Sends a round's notices to the enti still due (the activity reads who is due, and skips those already told). */
  sendRound: (round: CampaignRound) => Promise<unknown>;
}

export class Campaign<I> {
  private deadline: string;
  private closed = false;
  private readonly reminded = new Set<string>();
  private readonly enti = new Map<string, CampaignEnteStatus>();

  constructor(private readonly spec: CampaignSpec<I>) {
    this.deadline = spec.scadenza;
    setHandler(campaignStatusQuery, () => ({
      scadenza: this.deadline,
      chiusa: this.closed,
      solleciti: [...this.reminded],
      enti: [...this.enti.values()],
    }));
  }

  get scadenza(): string {
    return this.deadline;
  }

  get chiusa(): boolean {
    return this.closed;
  }

  /** Starts each due ente's procedure (or finds the one it opened, and gives it the deadline), then the opening notices. */
  async open(due: readonly CampaignEnte[]): Promise<void> {
    const { child } = this.spec;
    const reused = await Promise.all(due.map(async (ente) => {
      this.enti.set(ente.enteId, { enteId: ente.enteId, denominazione: ente.denominazione, stato: 'IN_CORSO' });
      try {
        const handle = await startChild(child.workflow, {
          workflowId: child.workflowId(ente.enteId),
          args: [child.input(ente, this.deadline)],
          parentClosePolicy: ParentClosePolicy.ABANDON,
          // A procedure that ended (the ente did what was asked) is never started again.
          workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
          typedSearchAttributes: startingSearchAttributes(child.procedure, ente.enteId),
        });
        // The child's end reaches the campaign as an event of its own history: no command, no polling.
        handle.result().then(() => this.concluded(ente.enteId), () => undefined);
        return null;
      } catch (error) {
        if (error instanceof WorkflowExecutionAlreadyStartedError) return ente.enteId;
        throw error;
      }
    }));
    await this.tell(reused.filter((enteId): enteId is string => enteId !== null));
    await this.spec.sendRound({ key: 'avvio', kind: 'AVVIO', scadenza: this.deadline });
  }

  /** Moves the deadline (returned normalised); then `tellDue` with those still due. */
  moveDeadline(scadenza: string): string {
    this.deadline = new Date(scadenza).toISOString();
    return this.deadline;
  }

  /** Gives the enti still due the current deadline; those no longer due have concluded. */
  async tellDue(due: readonly CampaignEnte[]): Promise<void> {
    const still = new Set(due.map((ente) => ente.enteId));
    for (const enteId of this.enti.keys()) if (!still.has(enteId)) this.concluded(enteId);
    await this.tell([...still]);
  }

  close(): void {
    this.closed = true;
  }

  /** Sends the reminders until the campaign is closed, re-planned whenever the deadline moves; a round whose time passed during an extension is skipped. */
  async remind(): Promise<void> {
    while (!this.closed) {
      const planned = this.deadline;
      const next = this.nextReminder();
      if (!next) {
        await condition(() => this.closed || this.deadline !== planned);
        continue;
      }
      const interrupted = await condition(() => this.closed || this.deadline !== planned, Math.max(0, next.at - Date.now()));
      if (interrupted) continue;
      this.reminded.add(next.key);
      await this.spec.sendRound({ key: next.key, kind: 'SOLLECITO', scadenza: this.deadline });
    }
  }

  private nextReminder() {
    return this.spec.reminderDays
      .map((days) => ({ key: `${days}@${this.deadline}`, at: Date.parse(this.deadline) + days * this.spec.dayMs }))
      .filter((round) => !this.reminded.has(round.key))
      .sort((a, b) => a.at - b.at)[0];
  }

  private concluded(enteId: string): void {
    const status = this.enti.get(enteId);
    if (status) status.stato = 'CONCLUSA';
  }

  /** Signals the deadline to each ente's running procedure; one that ended has nothing to set. */
  private async tell(enteIds: readonly string[]): Promise<void> {
    await Promise.all(enteIds.map(async (enteId) => {
      try {
        await getExternalWorkflowHandle(this.spec.child.workflowId(enteId)).signal(this.spec.child.deadline, { scadenza: this.deadline });
      } catch {
        // Completed in the meantime: the ente has done what was asked.
      }
    }));
  }
}
