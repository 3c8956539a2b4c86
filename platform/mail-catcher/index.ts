// A local catcher of ordinary e-mail (not PEC) for development and the quick start, like Mailpit or
// MailHog: the platform sends its ordinary mail (the daily digest of tasks) to this SMTP server, which
// delivers it to nobody and shows it on a web page instead. Like a real mail server it is durable: a
// message is in its store (store.ts) before it answers 250, so a restart loses nothing; and a message
// whose Message-ID it already holds is answered 250 but not stored again, so a sender's retry after a
// lost answer leaves one message, as the platform's idempotent sends intend.
// Plain SMTP, no TLS, any credentials accepted: it is meant for loopback only.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { type CaughtMail, openMailStore } from './store';
import { createRequestHandler } from './web';

export type { CaughtMail } from './store';

/**
 * Settings: `smtpPort` and `httpPort` (0 picks a free one), `dir` (its store, kept across restarts),
 * `host` (where both listen; default 127.0.0.1), `maxMessageBytes` (larger messages are refused with
 * 552; default 10 MiB).
 */
export interface MailCatcherOptions {
  smtpPort: number;
  httpPort: number;
  dir: string;
  host?: string;
  maxMessageBytes?: number;
}

export interface MailCatcher {
  host: string;
  /** The ports it really listens on (the ones picked when 0 was asked). */
  smtpPort: number;
  httpPort: number;
  /** The page listing the caught messages. */
  url: string;
  /** Every caught message, newest first. */
  messages(): Promise<CaughtMail[]>;
  close(): Promise<void>;
}

/** An SMTP answer other than 250: smtp-server replies with the error's responseCode. */
class SmtpRefusal extends Error {
  constructor(readonly responseCode: number, message: string) {
    super(message);
  }
}

const logError = (error: unknown) => console.error('[mail-catcher]', error);

/** The message, or null once it has gone over the limit (the rest is read and dropped, not kept). */
async function readLimited(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of stream) {
    bytes += (chunk as Buffer).length;
    if (bytes <= maxBytes) chunks.push(chunk as Buffer);
  }
  return bytes > maxBytes || stream.sizeExceeded ? null : Buffer.concat(chunks);
}

function listen(server: Server | SMTPServer['server'], port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

export async function startMailCatcher(options: MailCatcherOptions): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const maxMessageBytes = options.maxMessageBytes ?? 10 * 1024 * 1024;
  const store = await openMailStore(options.dir);

  const smtp = new SMTPServer({
    banner: 'PUSH - server di posta locale di sviluppo',
    secure: false,
    // Loopback only, so no STARTTLS: its built-in certificate would only make clients fail to verify.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    // Advertised in EHLO, so a client that declares a larger SIZE is refused (552) before sending it.
    size: maxMessageBytes,
    logger: false,
    // Any credentials: a platform configured for a real server's account can send here unchanged.
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonimo' });
    },
    onData(stream, session, callback) {
      const rcptTo = session.envelope.rcptTo.map((recipient) => recipient.address);
      const mailFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
      const receivedAt = new Date();
      readLimited(stream, maxMessageBytes)
        .then(async (raw) => {
          if (!raw) throw new SmtpRefusal(552, `5.3.4 Messaggio oltre ${maxMessageBytes} byte`);
          const parsed = await simpleParser(raw);
          return store.add(raw, {
            messageId: parsed.messageId?.trim() || null,
            from: parsed.from?.text || mailFrom,
            to: rcptTo,
            subject: parsed.subject ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : null,
            text: parsed.text ?? null,
          }, receivedAt);
        })
        .then(
          (outcome) => callback(null, outcome.stored ? `Ok: messaggio ${outcome.id} ricevuto` : `Ok: Message-ID già ricevuto (${outcome.id}), non salvato di nuovo`),
          (error: unknown) => {
            if (error instanceof SmtpRefusal) return callback(error);
            // Not stored, so a temporary failure: the sender keeps the message and tries again.
            logError(error);
            callback(new SmtpRefusal(451, '4.3.0 Errore temporaneo nel salvare il messaggio, riprovare'));
          },
        );
    },
  });
  const smtpPort = await listen(smtp.server, options.smtpPort, host);
  smtp.on('error', logError);

  const web = createServer(createRequestHandler(store, { host, port: smtpPort }, logError));
  let httpPort: number;
  try {
    httpPort = await listen(web, options.httpPort, host);
  } catch (error) {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    throw error;
  }
  web.on('error', logError);

  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    host,
    smtpPort,
    httpPort,
    url: `http://${urlHost}:${httpPort}/`,
    messages: () => store.list(),
    close: async () => {
      await Promise.all([
        new Promise<void>((resolve) => smtp.close(() => resolve())),
        new Promise<void>((resolve, reject) => {
          web.close((error) => (error ? reject(error) : resolve()));
          // Browsers and fetch keep connections open between requests; they must not hold the close.
          web.closeIdleConnections();
        }),
      ]);
    },
  };
}
