// How the platform reads its receipts from the embedded provider: as from a real provider's IMAP inbox
// (drainInbox), so a receipt is marked read only once recorded. It reads at start (what a killed
// process left unread), whenever the provider stores a new receipt, and every pollIntervalMs.
import type { PecService } from '../../activities/pec/pec';
import { createReceiptPoller, drainInbox, type PollResult, type ReceiptReader } from '../../activities/pec/receipt-inbox';
import type { LocalPecProvider } from '.';

/** Settings: `address` (the platform's PEC mailbox), `pollIntervalMs` (default 30 s), `onError` (a failed read; reading goes on). */
export function readLocalReceipts(
  provider: LocalPecProvider,
  pec: Pick<PecService, 'ingestReceipt'>,
  options: { address: string; pollIntervalMs?: number; onError: (error: unknown) => void },
): ReceiptReader<PollResult<string>> {
  const inbox = provider.receiptInbox(options.address);
  const reader = createReceiptPoller(() => drainInbox(inbox, pec), { pollIntervalMs: options.pollIntervalMs ?? 30_000, onError: options.onError });
  const unsubscribe = provider.onReceipt(() => reader.wake());
  reader.start();
  return {
    ...reader,
    async stop() {
      unsubscribe();
      await reader.stop();
    },
  };
}
