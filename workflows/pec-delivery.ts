// Waits for a PEC's delivery outcome. Receipts arrive as signals from the platform; if a signal was
// lost (the platform stopped between recording a receipt and signalling), the database says the same.
import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { STEP_OPTIONS } from './incidents';
import { pecReceiptSignal, type PecReceiptNotice } from './shared/pec';

// Runs inside an incident step (the PEC's): a status that cannot be read becomes that step's incident.
const acts = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', ...STEP_OPTIONS });

const CHECK_EVERY = '5 minutes';
const GIVE_UP_AFTER_CHECKS = 12 * 24 * 2; // two days without a receipt

export class PecDelivery {
  private readonly notices = new Map<string, PecReceiptNotice>();

  constructor() {
    setHandler(pecReceiptSignal, (notice) => {
      const known = this.notices.get(notice.pecId);
      // Receipts may arrive out of order: a final outcome is never replaced.
      if (known && (known.stato === 'CONSEGNATO' || known.stato === 'ERRORE')) return;
      this.notices.set(notice.pecId, notice);
    });
  }

  /** CONSEGNATO, or ERRORE with the provider's reason (also when no receipt came at all). */
  async outcome(pecId: string): Promise<{ stato: 'CONSEGNATO' | 'ERRORE'; errore: string | null }> {
    const final = () => {
      const notice = this.notices.get(pecId);
      return notice && (notice.stato === 'CONSEGNATO' || notice.stato === 'ERRORE') ? notice : undefined;
    };
    for (let check = 0; check < GIVE_UP_AFTER_CHECKS; check++) {
      if (await condition(() => final() !== undefined, CHECK_EVERY)) break;
      const stored = await acts.pecStatus({ pecId });
      if (stored.stato === 'CONSEGNATO' || stored.stato === 'ERRORE') this.notices.set(pecId, { pecId, ...stored });
    }
    const notice = final();
    if (!notice) return { stato: 'ERRORE', errore: 'nessuna ricevuta di consegna dopo due giorni' };
    return { stato: notice.stato as 'CONSEGNATO' | 'ERRORE', errore: notice.errore ?? null };
  }
}
