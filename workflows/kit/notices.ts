// Sends a procedure's PEC and waits for its delivery receipt; a PEC that cannot be delivered becomes an
// incident the administrator retries (a new message, on purpose: the first was not delivered) or resolves.
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { ACTIVITY_RETRY, StepFailed, type Incidents } from '../incidents';
import { PecDelivery } from '../pec-delivery';
import { MESSAGE_TITLES, type Message } from '../shared/messages';

const acts = proxyActivities<Activities>({ startToCloseTimeout: '2 minutes', retry: ACTIVITY_RETRY });

export class Notices {
  private readonly deliveries = new PecDelivery();

  constructor(private readonly context: { incidents: Incidents; enteId: string }) {}

  /** `key` names the message within the procedure: with the attempt it makes the PEC's idempotency key. */
  async send(key: string, to: string, message: Message, documentIds: string[] = []): Promise<void> {
    const { workflowId } = workflowInfo();
    await this.context.incidents.step(`Invio PEC: ${MESSAGE_TITLES[message.modello]}`, async (attempt) => {
      const sent = await acts.sendPec({ idempotencyKey: `${workflowId}/pec/${key}/${attempt}`, to, messaggio: message, documentIds, workflowId, enteId: this.context.enteId });
      const outcome = await this.deliveries.outcome(sent.pecId);
      if (outcome.stato === 'ERRORE') throw new StepFailed(`La PEC a ${to} non è stata consegnata: ${outcome.errore ?? 'errore di consegna'}`);
    });
  }
}
