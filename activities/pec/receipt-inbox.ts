// Reading receipts from a mailbox that keeps them until they are read: a real provider's IMAP inbox
// (imap-receipt-reader.ts) or the embedded provider's store. A receipt is marked read only after it is
// recorded, so whatever is killed when, an unread receipt is read again and recorded once.
import { isPecFailure, PEC_FAILURE, type IngestOutcome, type PecService } from './pec';

/** What the reader needs of a mailbox: the seam between the polling rules below and where it lives. */
export interface ReceiptInbox<Uid = number> {
  /** The unread messages carrying an X-Ricevuta header. */
  unreadReceipts(): Promise<Uid[]>;
  source(uid: Uid): Promise<Buffer>;
  markSeen(uid: Uid): Promise<void>;
  /** Seen (so it is not read again) and flagged (so a person can find it). */
  markRejected(uid: Uid): Promise<void>;
}

export interface PollResult<Uid = number> {
  outcomes: Record<IngestOutcome, number>;
  /** Messages that are not valid receipts, with the reason: flagged in the mailbox for a person. */
  rejected: { uid: Uid; reason: string }[];
}

/**
 * Ingests every unread receipt. A receipt is marked seen only after ingestReceipt has returned, so a
 * failure or a kill leaves it unread and the next poll reads it again: recording is idempotent, and a
 * receipt found already recorded is notified again (whoever recorded it may have died before telling
 * its procedure). A message that is not a valid receipt will never become one: it is flagged,
 * reported, and not retried.
 */
export async function drainInbox<Uid>(inbox: ReceiptInbox<Uid>, pec: Pick<PecService, 'ingestReceipt'>, maxPerPoll = 500): Promise<PollResult<Uid>> {
  const result: PollResult<Uid> = { outcomes: { recorded: 0, duplicate: 0, 'unknown-message': 0 }, rejected: [] };
  const uids = (await inbox.unreadReceipts()).slice(0, maxPerPoll);
  for (const uid of uids) {
    try {
      result.outcomes[await pec.ingestReceipt(await inbox.source(uid), { notifyDuplicate: true })] += 1;
    } catch (error) {
      if (!isPecFailure(error, PEC_FAILURE.invalidReceipt)) throw error;
      await inbox.markRejected(uid);
      result.rejected.push({ uid, reason: error.message });
      continue;
    }
    await inbox.markSeen(uid);
  }
  return result;
}

export interface ReceiptReader<Result> {
  pollOnce(): Promise<Result>;
  /** Polls now, then every `pollIntervalMs`, one poll at a time, until stop(). */
  start(): void;
  /** Polls as soon as the poll in progress (if any) ends: new receipts are waiting. */
  wake(): void;
  /** Stops polling and waits for a poll in progress. */
  stop(): Promise<void>;
}

/** Runs `pollOnce` at start, on wake() and every `pollIntervalMs`; a failed poll goes to onError and polling goes on. */
export function createReceiptPoller<Result>(
  pollOnce: () => Promise<Result>,
  options: { pollIntervalMs: number; onPoll?: (result: Result) => void; onError: (error: unknown) => void },
): ReceiptReader<Result> {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;
  let woken = false;

  const tick = () => {
    woken = false;
    running = pollOnce()
      .then((result) => options.onPoll?.(result))
      .catch(options.onError)
      .finally(() => {
        running = undefined;
        if (stopped) return;
        if (woken) tick();
        else timer = setTimeout(tick, options.pollIntervalMs);
      });
  };

  return {
    pollOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      tick();
    },
    wake() {
      if (stopped) return;
      if (running) {
        woken = true;
        return;
      }
      clearTimeout(timer);
      tick();
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
