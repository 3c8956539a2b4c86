// Reads the receipts of a real PEC provider from the platform's PEC mailbox over IMAP (imapflow) and
// hands each to ingestReceipt. Only messages with an X-Ricevuta header are touched (the header every
// PEC receipt carries), so incoming PEC (X-Trasporto: posta-certificata) stays unread for whoever
// handles it. Each poll opens its own connection: a dropped connection costs one poll, nothing more.
import { ImapFlow } from 'imapflow';
import type { PecService } from './pec';
import { createReceiptPoller, drainInbox, type PollResult, type ReceiptInbox, type ReceiptReader } from './receipt-inbox';

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

/**
 * Settings: the IMAP ones above, `pollIntervalMs` (default 60 s), `onPoll` (each poll's result, for
 * the log: rejected receipts need a person), `onError` (a failed poll; polling goes on).
 */
export function createImapReceiptReader(
  settings: ImapReceiptReaderSettings,
  pec: Pick<PecService, 'ingestReceipt'>,
  options: { pollIntervalMs?: number; onPoll?: (result: PollResult) => void; onError: (error: unknown) => void },
): ReceiptReader<PollResult> {
  return createReceiptPoller(() => withImapInbox(settings, (inbox) => drainInbox(inbox, pec)), { ...options, pollIntervalMs: options.pollIntervalMs ?? 60_000 });
}
