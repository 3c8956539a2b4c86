// A local PEC provider for development and tests: an SMTP submission server on loopback that answers
// like a PEC provider. Like a real one it is durable: what it accepts, with the receipts it owes, is in
// its store (store.ts) before it answers 250, and receipts stay in the sender's mailbox until read; the
// platform reads them from there (receiptInbox) as it would from an IMAP inbox, woken by onReceipt.
// Plain SMTP, no TLS: it is meant for loopback only.
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { ReceiptTipo } from '../../activities/pec/pec';
import type { ReceiptInbox } from '../../activities/pec/receipt-inbox';
import { createAcceptance, SmtpRefusal, type Submission } from './acceptance';
import type { IssuedMessage } from './receipts';
import { type MailboxEntry, openProviderStore } from './store';

export type { MailboxEntry } from './store';
export type { Submission } from './acceptance';

/**
 * Settings: `port` (0 picks a free one), `dir` (its store: mailboxes and what it accepted, kept across
 * restarts), `host` (default 127.0.0.1), `domain` (the provider's own, for its addresses and
 * identifiers; default pec.push.localhost), `gestore` (name in <gestore-emittente>), `servedDomains`
 * (default: every domain), `nonexistentDomains` (default pec-inesistente.example),
 * `nonexistentLocalPartPrefix` (default "inesistente"), `accounts` (address → password; when given,
 * AUTH is required and a mailbox may only send as itself), `maxMessageBytes` (default 30 MiB),
 * `onError` (where failures after the SMTP answer go, a receipt listener's included; default stderr).
 */
export interface LocalPecProviderOptions {
  port: number;
  dir: string;
  host?: string;
  domain?: string;
  gestore?: string;
  servedDomains?: string[];
  nonexistentDomains?: string[];
  nonexistentLocalPartPrefix?: string;
  accounts?: Record<string, string>;
  maxMessageBytes?: number;
  onError?: (error: unknown) => void;
}

/** A receipt as the provider hands it to its listeners: `raw` is the whole message, as IMAP would give it. */
export interface LocalReceipt {
  tipo: ReceiptTipo;
  /** The sender's mailbox it is addressed to. */
  to: string;
  messageId: string;
  raw: Buffer;
}

// Whatever a listener returns is awaited and then ignored, so `(r) => pec.ingestReceipt(r.raw)` fits.
export type ReceiptListener = (receipt: LocalReceipt) => unknown;

export interface LocalPecProvider {
  host: string;
  port: number;
  /** Stops accepting, then waits for the receipts already issued to reach the listeners. */
  close(): Promise<void>;
  /**
   * Every receipt issued from now on, in order, once stored; returns the function that unsubscribes.
   * A notice: the receipt stays unread in the mailbox whatever the listener does.
   */
  onReceipt(listener: ReceiptListener): () => void;
  /** What an address's mailbox holds, oldest first: its receipts and the PEC delivered to it. */
  mailbox(address: string): MailboxEntry[];
  /** The receipts in an address's mailbox, with their read state, as an IMAP inbox would give them. */
  receiptInbox(address: string): ReceiptInbox<string>;
  /** Every SMTP transaction answered with 250 since it started, repeated Message-IDs included. */
  submissions(): Submission[];
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function startLocalPecProvider(options: LocalPecProviderOptions): Promise<LocalPecProvider> {
  const host = options.host ?? '127.0.0.1';
  const maxMessageBytes = options.maxMessageBytes ?? 30 * 1024 * 1024;
  const onError = options.onError ?? ((error: unknown) => console.error('[pec-provider]', error));
  const accounts = options.accounts;
  const store = await openProviderStore(options.dir);
  const acceptance = createAcceptance(
    { domain: options.domain ?? 'pec.push.localhost', gestore: options.gestore ?? 'PUSH - gestore PEC locale di sviluppo' },
    {
      servedDomains: options.servedDomains,
      nonexistentDomains: options.nonexistentDomains ?? ['pec-inesistente.example'],
      nonexistentLocalPartPrefix: options.nonexistentLocalPartPrefix ?? 'inesistente',
    },
    store,
  );
  const listeners = new Set<ReceiptListener>();
  // Receipts reach the listeners one at a time, in the order issued, as a mailbox would hand them out.
  let dispatching: Promise<void> = Promise.resolve();
  const dispatch = (issued: IssuedMessage[]) => {
    const receipts = issued.filter((item): item is IssuedMessage & { tipo: ReceiptTipo } => item.tipo !== 'posta-certificata');
    dispatching = dispatching.then(async () => {
      for (const receipt of receipts) {
        for (const listener of [...listeners]) {
          try {
            await listener({ tipo: receipt.tipo, to: receipt.to, messageId: receipt.messageId, raw: receipt.raw });
          } catch (error) {
            // The receipt stays unread in the mailbox; the failure goes where the platform logs it.
            onError(error);
          }
        }
      }
    });
  };

  const server = new SMTPServer({
    banner: 'PUSH - gestore PEC locale di sviluppo',
    secure: false,
    // Loopback only, so no STARTTLS: its built-in certificate would only make clients fail to verify.
    disabledCommands: accounts ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !accounts,
    allowInsecureAuth: true,
    size: maxMessageBytes,
    logger: false,
    onAuth(auth, _session, callback) {
      const expected = accounts?.[auth.username ?? ''];
      if (expected === undefined || auth.password !== expected) return callback(new SmtpRefusal(535, '5.7.8 Credenziali non valide'));
      callback(null, { user: auth.username });
    },
    onMailFrom(address, session: SMTPServerSession, callback) {
      if (accounts && String(session.user ?? '').toLowerCase() !== address.address.toLowerCase()) {
        return callback(new SmtpRefusal(553, `5.7.1 La casella ${String(session.user)} non può inviare come ${address.address}`));
      }
      callback();
    },
    onData(stream, session, callback) {
      const envelope = {
        mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        rcptTo: session.envelope.rcptTo.map((recipient) => recipient.address),
      };
      readAll(stream)
        .then((raw) => {
          if (stream.sizeExceeded) throw new SmtpRefusal(552, `5.3.4 Messaggio oltre ${maxMessageBytes} byte`);
          return acceptance.accept(raw, envelope);
        })
        .then(
          (issued) => {
            callback(null, `Ok: messaggio accettato`);
            dispatch(issued);
          },
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', onError);
  const port = (server.server.address() as AddressInfo).port;

  return {
    host,
    port,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await dispatching;
    },
    onReceipt(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    mailbox: (address) => store.mailbox(address),
    receiptInbox: (address) => ({
      unreadReceipts: async () => store.unreadReceipts(address),
      source: (id) => store.source(id),
      markSeen: (id) => store.markSeen(id, false),
      markRejected: (id) => store.markSeen(id, true),
    }),
    submissions: () => acceptance.submissions(),
  };
}
