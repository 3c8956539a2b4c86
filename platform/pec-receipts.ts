import type { Client } from '@temporalio/client';
import type { RecordedReceipt } from '../activities/pec/smtp-pec-service';
import { pecReceiptSignal } from '../workflows/shared/pec';

/**
 * Tells a procedure that a receipt for its PEC arrived. If the signal is lost (the process stops right
 * after recording the receipt), the procedure's periodic check of the database sees the same state.
 */
export function signalPecReceipt(client: Client) {
  return async (receipt: RecordedReceipt): Promise<void> => {
    if (!receipt.workflowId) return;
    await client.workflow.getHandle(receipt.workflowId).signal(pecReceiptSignal, { pecId: receipt.pecId, stato: receipt.stato, errore: receipt.errore });
  };
}
