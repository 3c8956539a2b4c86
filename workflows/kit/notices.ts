// Sends a procedure's PEC and waits for its delivery receipt; a PEC that cannot be delivered becomes an
// incident the administrator retries (a new message, on purpose: the first was not delivered), possibly to
// a corrected address, or resolves.
import { ActivityFailure, patched, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { STEP_OPTIONS, StepFailed, type Incidents } from '../incidents';
import { PecDelivery } from '../pec-delivery';
import { MESSAGE_TITLES, type Message } from '../shared/messages';

const acts = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', ...STEP_OPTIONS });

/** Marks, in the history, the first retry that sends to an address the administrator corrected. */
export const PEC_CORRECTION_PATCH = 'incidente-pec-corretta';

export class Notices {
  private readonly deliveries = new PecDelivery();
  /** Addresses an administrator corrected: later messages of the procedure to the old one go to the new. */
  private readonly corrected = new Map<string, string>();

  constructor(private readonly context: { incidents: Incidents; enteId: string }) {}

  /** `key` names the message within the procedure: with the attempt it makes the PEC's idempotency key. */
  async send(key: string, to: string, message: Message, documentIds: string[] = []): Promise<void> {
    const { workflowId } = workflowInfo();
    await this.context.incidents.step(`Invio PEC: ${MESSAGE_TITLES[message.modello]}`, async (attempt, correction) => {
      // A history recorded before corrections existed sent the retry to the same address: patched() keeps it so.
      if (correction?.pec && patched(PEC_CORRECTION_PATCH)) this.corrected.set(to, correction.pec);
      const address = this.corrected.get(to) ?? to;
      const sent = await this.sendPec({ idempotencyKey: `${workflowId}/pec/${key}/${attempt}`, to: address, messaggio: message, documentIds, workflowId, enteId: this.context.enteId });
      const outcome = await this.deliveries.outcome(sent.pecId);
      if (outcome.stato === 'ERRORE') throw new StepFailed(`La PEC a ${address} non è stata consegnata: ${outcome.errore ?? 'errore di consegna'}`, { pec: address });
    });
  }

  /** The provider refusing the message (an address it will not take) is an incident about that address too. */
  private async sendPec(input: Parameters<Activities['sendPec']>[0]): ReturnType<Activities['sendPec']> {
    try {
      return await acts.sendPec(input);
    } catch (error) {
      if (error instanceof ActivityFailure) throw new StepFailed(error.cause?.message ?? error.message, { pec: input.to });
      throw error;
    }
  }
}
