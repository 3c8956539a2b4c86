// Reads the receipts of a real PEC provider from the platform's PEC mailbox over IMAP (imapflow) and
// hands each to ingestReceipt. Only messages with an X-Ricevuta header are touched (the header every
// PEC receipt carries), so incoming PEC (X-Trasporto: posta-certificata) stays unread for whoever
// handles it. Each poll opens its own connection: a dropped connection costs one poll, nothing more.
import { ImapFlow } from 'imapflow';
import { isPecFailure, PEC_FAILURE, type IngestOutcome, type PecService } from './pec';

/** The provider's IMAP server and the platform's PEC mailbox. */
export interface ImapReceiptReaderSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 993); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string;
  password: string;
  /** The folder receipts arrive in, usually INBOX. */
  mailbox: string;
}

/** What the reader needs of a mailbox: the seam between the polling rules below and IMAP. */
export interface ReceiptInbox {
  /** UIDs of the unread messages carrying an X-Ricevuta header. */
  unreadReceipts(): Promise<number[]>;
  source(uid: number): Promise<Buffer>;
  markSeen(uid: number): Promise<void>;
  /** Seen (so it is not read again) and flagged (so a person can find it). */
  markRejected(uid: number): Promise<void>;
}

export interface PollResult {
  outcomes: Record<IngestOutcome, number>;
  /** Messages that are not valid receipts, with the reason: flagged in the mailbox for a person. */
  rejected: { uid: number; reason: string }[];
}

/**
 * Ingests every unread receipt. A receipt is marked seen only after ingestReceipt has returned, so a
 * database failure leaves it unread and the next poll reads it again (recording is idempotent). A
 * message that is not a valid receipt will never become one: it is flagged, reported, and not retried.
 */
export async function drainInbox(inbox: ReceiptInbox, pec: Pick<PecService, 'ingestReceipt'>, maxPerPoll = 500): Promise<PollResult> {
  const result: PollResult = { outcomes: { recorded: 0, duplicate: 0, 'unknown-message': 0 }, rejected: [] };
  const uids = (await inbox.unreadReceipts()).slice(0, maxPerPoll);
  for (const uid of uids) {
    try {
      result.outcomes[await pec.ingestReceipt(await inbox.source(uid))] += 1;
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

/** Opens the mailbox, runs `work` under its lock, and always logs out. */
export async function withImapInbox<T>(settings: ImapReceiptReaderSettings, work: (inbox: ReceiptInbox) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.user, pass: settings.password },
    logger: false,
    disableAutoIdle: true,
  });
  await client.connect();
  try {
    const lock = await client.getMailboxLock(settings.mailbox);
    try {
      return await work({
        unreadReceipts: async () => (await client.search({ seen: false, header: { 'X-Ricevuta': true } }, { uid: true })) || [],
        source: async (uid) => {
          // imapflow fetches with BODY.PEEK, so reading does not mark the message seen.
          const message = await client.fetchOne(uid, { source: true }, { uid: true });
          if (!message || !message.source) throw new Error(`IMAP ${settings.mailbox}: the message with UID ${uid} has gone`);
          return message.source;
        },
        markSeen: async (uid) => {
          await client.messageFlagsAdd(uid, ['\\Seen'], { uid: true });
        },
        markRejected: async (uid) => {
          await client.messageFlagsAdd(uid, ['\\Seen', '\\Flagged'], { uid: true });
        },
      });
    } finally {
      lock.release();
    }
  } finally {
    await client.logout();
  }
}

export interface ImapReceiptReader {
  pollOnce(): Promise<PollResult>;
  /** Polls every `pollIntervalMs`, one poll at a time, until stop(). */
  start(): void;
  /** Stops polling and waits for a poll in progress. */
  stop(): Promise<void>;
}

/**
 * Settings: the IMAP ones above, `pollIntervalMs` (default 60 s), `onPoll` (each poll's result, for
 * the log: rejected receipts need a person), `onError` (a failed poll; polling goes on).
 */
export function createImapReceiptReader(
  settings: ImapReceiptReaderSettings,
  pec: Pick<PecService, 'ingestReceipt'>,
  options: { pollIntervalMs?: number; onPoll?: (result: PollResult) => void; onError: (error: unknown) => void },
): ImapReceiptReader {
  const interval = options.pollIntervalMs ?? 60_000;
  const pollOnce = () => withImapInbox(settings, (inbox) => drainInbox(inbox, pec));
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = true;

  const tick = () => {
    running = pollOnce()
      .then((result) => options.onPoll?.(result))
      .catch(options.onError)
      .finally(() => {
        running = undefined;
        if (!stopped) timer = setTimeout(tick, interval);
      });
  };

  return {
    pollOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
