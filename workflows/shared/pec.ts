// The signal the platform sends a procedure when a PEC receipt for one of its messages arrives.
import { defineSignal } from '@temporalio/workflow';

export type PecOutcome = 'INVIATO' | 'ACCETTATO' | 'CONSEGNATO' | 'ERRORE';

export interface PecReceiptNotice {
  pecId: string;
  stato: PecOutcome;
  errore?: string | null;
}

export const pecReceiptSignal = defineSignal<[PecReceiptNotice]>('pecReceipt');
