// The adapters, each chosen and configured from the environment in this one place, and the activities
// built over them. Production changes variables here, never workflow code.
import path from 'node:path';
import { createActivities, type Activities } from '../activities';
import { createFileDocumentStore } from '../activities/documents/file-document-store';
import type { DocumentStore } from '../activities/documents/document-store';
import { createChromiumPdfRenderer } from '../activities/pdf/chromium-pdf-renderer';
import type { PdfRenderer } from '../activities/pdf/pdf-renderer';
import { createImapReceiptReader } from '../activities/pec/imap-receipt-reader';
import type { PecService } from '../activities/pec/pec';
import { createPecService, type RecordedReceipt } from '../activities/pec/smtp-pec-service';
import { createProtocolRegister, type ProtocolRegister } from '../activities/protocol';
import { createLocalSigner } from '../activities/signature/local-signer';
import type { Signer } from '../activities/signature/signer';
import type { Db } from '../prisma/client';
import { createMailer, type Mailer } from '../activities/mail/mailer';
import { publicUrl, type Config } from './config';
import { startMailCatcher, type MailCatcher } from './mail-catcher';
import { startLocalPecProvider, type LocalPecProvider } from './pec-provider';
import { readLocalReceipts } from './pec-provider/receipt-reader';

export interface Adapters {
  protocol: ProtocolRegister;
  documents: DocumentStore;
  pdf: PdfRenderer;
  signer: Signer;
  pec: PecService;
  mailer: Mailer;
}

export interface RunningAdapters {
  adapters: Adapters;
  activities: Activities;
  /** The embedded PEC provider, when no PEC_SMTP_HOST is configured. */
  localPec: LocalPecProvider | null;
  /** The embedded catcher of ordinary e-mail, when no MAIL_SMTP_HOST is configured. */
  mailCatcher: MailCatcher | null;
  close(): Promise<void>;
}

/**
 * Builds every adapter. `onPecReceipt` is told of each receipt recorded (to signal the PEC's workflow);
 * receipts come from the embedded provider, or from the provider's IMAP inbox when PEC_IMAP_HOST is set.
 */
export async function startAdapters(
  config: Config,
  db: Db,
  databaseUrl: string,
  hooks: { onPecReceipt?: (receipt: RecordedReceipt) => Promise<void>; log?: (line: string) => void } = {},
): Promise<RunningAdapters> {
  const log = hooks.log ?? (() => undefined);
  const secrets = path.join(config.PUSH_DATA_DIR, 'secrets');
  const protocol = config.PROTOCOL_ADAPTER === 'remote'
    ? createProtocolRegister({
      adapter: 'remote',
      baseUrl: config.PROTOCOL_REMOTE_URL!,
      username: config.PROTOCOL_REMOTE_USERNAME!,
      password: config.PROTOCOL_REMOTE_PASSWORD!,
      timeoutMs: config.PROTOCOL_REMOTE_TIMEOUT_MS,
    })
    : createProtocolRegister({
      adapter: 'database',
      db,
      aoo: config.PROTOCOL_AOO,
      register: config.PROTOCOL_REGISTER,
      keyDir: config.PROTOCOL_KEY_DIR ?? path.join(secrets, 'protocollo'),
    });
  const documents = createFileDocumentStore(db, { rootDir: config.DOCUMENTS_DIR ?? path.join(config.PUSH_DATA_DIR, 'documents'), maxBytes: config.DOCUMENTS_MAX_BYTES });
  const pdf = createChromiumPdfRenderer({ chromiumPath: config.CHROMIUM_PATH, timeoutMs: config.PDF_TIMEOUT_MS });
  const signer = await createLocalSigner({
    keyStoreDir: config.SIGNATURE_KEY_STORE_DIR ?? path.join(secrets, 'firma'),
    lookupSigner: async (userId) => {
      const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
      return { nome: user.nome, cognome: user.cognome, codiceFiscale: user.codiceFiscale };
    },
  });

  let localPec: LocalPecProvider | null = null;
  if (!config.PEC_SMTP_HOST) {
    localPec = await startLocalPecProvider({
      port: config.PEC_LOCAL_PORT,
      dir: config.PEC_LOCAL_DIR ?? path.join(config.PUSH_DATA_DIR, 'pec-provider'),
      onError: (error) => log(`PEC provider: ${String(error)}`),
    });
  }
  const pec = createPecService({
    db,
    from: config.PEC_FROM,
    smtp: localPec
      ? { host: '127.0.0.1', port: localPec.port, secure: false }
      : { host: config.PEC_SMTP_HOST!, port: config.PEC_SMTP_PORT, secure: config.PEC_SMTP_SECURE, user: config.PEC_SMTP_USER, password: config.PEC_SMTP_PASSWORD },
    onRecorded: hooks.onPecReceipt,
  });
  const localReceipts = localPec ? readLocalReceipts(localPec, pec, { address: config.PEC_FROM, onError: (error) => log(`PEC receipts: ${String(error)}`) }) : null;
  const imap = config.PEC_IMAP_HOST
    ? createImapReceiptReader(
      { host: config.PEC_IMAP_HOST, port: config.PEC_IMAP_PORT, secure: config.PEC_IMAP_SECURE, user: config.PEC_IMAP_USER!, password: config.PEC_IMAP_PASSWORD!, mailbox: config.PEC_IMAP_MAILBOX },
      pec,
      { onError: (error) => log(`PEC IMAP: ${String(error)}`) },
    )
    : null;
  imap?.start();

  const mailCatcher = config.MAIL_SMTP_HOST
    ? null
    : await startMailCatcher({
      smtpPort: config.MAIL_CATCHER_SMTP_PORT,
      httpPort: config.MAIL_CATCHER_HTTP_PORT,
      dir: config.MAIL_CATCHER_DIR ?? path.join(config.PUSH_DATA_DIR, 'posta'),
    });
  const mailer = createMailer(mailCatcher
    ? { host: '127.0.0.1', port: mailCatcher.smtpPort, secure: false, from: config.MAIL_FROM }
    : { host: config.MAIL_SMTP_HOST!, port: config.MAIL_SMTP_PORT, secure: config.MAIL_SMTP_SECURE, user: config.MAIL_SMTP_USER, password: config.MAIL_SMTP_PASSWORD, from: config.MAIL_FROM });

  const adapters: Adapters = { protocol, documents, pdf, signer, pec, mailer };
  return {
    adapters,
    activities: createActivities({ db, databaseUrl, publicUrl: publicUrl(config), ...adapters }),
    localPec,
    mailCatcher,
    async close() {
      mailer.close();
      await mailCatcher?.close();
      await imap?.stop();
      // The provider wakes the reader for its last receipts before closing; what is left unread then
      // is read at the next start.
      await localPec?.close();
      await localReceipts?.stop();
      pec.close();
      await pdf.close();
    },
  };
}
