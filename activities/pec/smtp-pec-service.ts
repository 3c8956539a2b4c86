import { createHash } from 'node:crypto';
import { createSmtpTransport } from '../mail/smtp-transport';
import type { Db } from '../../prisma/client';
import type { PecMessage, PecReceipt } from '../../prisma/generated/client';
import { describeFailure, RECEIPT_EFFECT, statesBefore } from './pec-state';
import {
  type IngestOutcome, PEC_FAILURE, pecFailure, type PecMessageStatus, type PecStato, type PecMessageView, type PecSendInput, type PecService,
  type ReceiptTipo, type ReceiptView,
} from './pec';
import { readReceipt } from './receipt-message';

/** The provider's submission server. Without `secure` (port 587), STARTTLS is required unless the host is loopback. */
export interface PecSmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465). */
  secure: boolean;
  user?: string;
  password?: string;
}

export interface PecServiceSettings {
  db: Db;
  smtp: PecSmtpSettings;
  /** The platform's PEC address, the sender of every message. */
  from: string;
  /** The longest a send may hold its row lock (SMTP included) before it is abandoned and retried. Default 120 s. */
  sendTimeoutMs?: number;
  /**
   * Called after a receipt is recorded (for a duplicate only when ingestReceipt is asked to notify it),
   * e.g. to signal the PEC's workflow. If it
   * throws, ingestReceipt rejects with that error although the receipt stays recorded: a reader of the
   * database (the workflow's periodic status check) sees the same state.
   */
  onRecorded?: (event: RecordedReceipt) => Promise<void>;
}

export interface RecordedReceipt {
  pecId: string;
  workflowId: string | null;
  enteId: string | null;
  tipo: ReceiptTipo;
  /** The PEC's state after this receipt. */
  stato: PecStato;
  errore: string | null;
}

const ADDRESS = /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+\.[^\s@<>,;:"()[\]\\]+$/;
/**
 * The Message-ID is a function of the idempotency key, so every attempt for one key sends the same
 * Message-ID and every receipt for any of them finds the same row.
 */
export function messageIdFor(idempotencyKey: string, from: string): string {
  const domain = from.slice(from.lastIndexOf('@') + 1);
  return `<pec.${createHash('sha256').update(idempotencyKey).digest('hex').slice(0, 40)}@${domain}>`;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function toView(row: PecMessage): PecMessageView {
  return {
    id: row.id,
    idempotencyKey: row.idempotencyKey,
    messageId: row.messageId,
    from: row.mittente,
    to: row.destinatario,
    subject: row.oggetto,
    stato: row.stato,
    errore: row.errore,
    workflowId: row.workflowId,
    enteId: row.enteId,
    sentAt: iso(row.sentAt),
    acceptedAt: iso(row.acceptedAt),
    deliveredAt: iso(row.deliveredAt),
    failedAt: iso(row.failedAt),
    createdAt: row.createdAt.toISOString(),
  };
}

function toReceiptView(row: PecReceipt): ReceiptView {
  return {
    id: row.id,
    tipo: row.tipo as ReceiptTipo,
    receiptMessageId: row.receiptMessageId,
    receivedAt: row.receivedAt.toISOString(),
    daticert: row.daticert,
    documentId: row.documentId,
  };
}

/**
 * PEC through the provider's SMTP submission server (nodemailer), tracked in PecMessage / PecReceipt.
 *
 * Settings: `smtp.host`, `smtp.port`, `smtp.secure`, `smtp.user`, `smtp.password` (the provider's
 * submission server and mailbox credentials), `from` (the platform's PEC address), `sendTimeoutMs`.
 */
export function createPecService(settings: PecServiceSettings): PecService & { close(): void } {
  const { db, smtp, from } = settings;
  if (!ADDRESS.test(from)) throw new Error(`PEC: the sender address "${from}" is not an e-mail address.`);
  const transporter = createSmtpTransport(smtp);
  const sendTimeoutMs = settings.sendTimeoutMs ?? 120_000;

  async function send(input: PecSendInput): Promise<PecMessageView> {
    const to = input.to.trim();
    if (!ADDRESS.test(to)) throw pecFailure(PEC_FAILURE.invalidRecipient, `Il destinatario "${input.to}" non è un indirizzo PEC valido.`);
    const messageId = messageIdFor(input.idempotencyKey, from);

    // 1. The row exists before anything leaves, so a receipt can always find it, even one for a
    //    message whose sender crashed before recording that the provider accepted it.
    await db.pecMessage.createMany({
      data: [{
        idempotencyKey: input.idempotencyKey, messageId, mittente: from, destinatario: to, oggetto: input.subject, testo: input.text,
        workflowId: input.workflowId ?? null, enteId: input.enteId ?? null,
      }],
      skipDuplicates: true,
    });

    // 2. Under the row's lock: concurrent calls for one key wait here and then find it sent.
    //    The crash window is between the provider's 250 and the commit below: the row then has no
    //    sentAt and a retry sends again, with the same Message-ID. We accept that rather than never
    //    re-sending, because a legal notification that silently never leaves is worse than a second
    //    copy that carries the first one's Message-ID: the local provider drops a repeated Message-ID
    //    (it keeps the ones it accepted across restarts, with their receipts),
    //    receipts are matched by msgid to this one row (state only moves forward, each receipt is
    //    stored once by its own Message-ID), and a recipient's protocol system can recognise the copy.
    //    A real provider may deliver that second copy; the window is one SMTP round-trip wide.
    const row = await db.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT "id" FROM "PecMessage" WHERE "idempotencyKey" = ${input.idempotencyKey} FOR UPDATE`;
      const current = await tx.pecMessage.findUniqueOrThrow({ where: { idempotencyKey: input.idempotencyKey } });
      if (current.destinatario !== to || current.oggetto !== input.subject || current.testo !== input.text) {
        throw pecFailure(PEC_FAILURE.keyReused, `La chiave ${input.idempotencyKey} è già stata usata per una PEC diversa (${current.messageId}).`);
      }
      // A receipt proves the provider took it even if sentAt was never written.
      if (current.sentAt || current.stato !== 'INVIATO') return current;
      await transporter.sendMail({
        // The row's sender and Message-ID, which receipts are matched against, even if `from` was
        // reconfigured since the first attempt (the provider then refuses it loudly, if at all).
        from: current.mittente,
        to,
        subject: input.subject,
        text: input.text,
        messageId: current.messageId,
        attachments: (input.attachments ?? []).map(({ filename, content, contentType }) => ({ filename, content, contentType })),
      });
      return tx.pecMessage.update({ where: { id: current.id }, data: { sentAt: new Date() } });
    }, { timeout: sendTimeoutMs, maxWait: 10_000 });
    return toView(row);
  }

  async function ingestReceipt(raw: Buffer, options: { notifyDuplicate?: boolean } = {}): Promise<IngestOutcome> {
    const { receiptMessageId, daticert, daticertXml } = await readReceipt(raw);
    const message = await db.pecMessage.findUnique({ where: { messageId: daticert.msgid } });
    if (!message) return 'unknown-message';
    // Real receipts are S/MIME-signed by the provider and that signature is not verified here; a
    // receipt must at least describe this PEC: its sender and, for a consegna, its recipient.
    const aboutAnother = daticert.mittente.toLowerCase() !== message.mittente.toLowerCase()
      || (daticert.consegna !== null && daticert.consegna.toLowerCase() !== message.destinatario.toLowerCase());
    if (aboutAnother) {
      throw pecFailure(PEC_FAILURE.invalidReceipt, `La ricevuta ${receiptMessageId} cita ${daticert.msgid} ma non ne riporta il mittente o il destinatario.`);
    }
    const recorded = await db.$transaction(async (tx) => {
      // ON CONFLICT DO NOTHING: the same receipt read twice, even at once, is stored once.
      const { count } = await tx.pecReceipt.createMany({
        data: [{ pecMessageId: message.id, tipo: daticert.tipo, receiptMessageId, daticert: daticertXml, receivedAt: daticert.data }],
        skipDuplicates: true,
      });
      if (count === 0) return options.notifyDuplicate ? { duplicate: true, row: await tx.pecMessage.findUniqueOrThrow({ where: { id: message.id } }) } : null;
      const effect = RECEIPT_EFFECT[daticert.tipo];
      if (effect) {
        // Conditional updates, atomic per row: the state only moves forward, and a receipt arriving
        // late (an accettazione after its consegna) still fills in its own timestamp.
        await tx.pecMessage.updateMany({
          where: { id: message.id, stato: { in: statesBefore(effect.stato) } },
          data: { stato: effect.stato, ...(effect.stato === 'ERRORE' ? { errore: describeFailure(daticert) } : {}) },
        });
        await tx.pecMessage.updateMany({ where: { id: message.id, [effect.timestamp]: null }, data: { [effect.timestamp]: daticert.data } });
      }
      return { duplicate: false, row: await tx.pecMessage.findUniqueOrThrow({ where: { id: message.id } }) };
    });
    if (!recorded) return 'duplicate';
    const { row } = recorded;
    await settings.onRecorded?.({ pecId: row.id, workflowId: row.workflowId, enteId: row.enteId, tipo: daticert.tipo, stato: row.stato, errore: row.errore });
    return recorded.duplicate ? 'duplicate' : 'recorded';
  }

  async function status(id: string): Promise<PecMessageStatus> {
    // One snapshot: the include is a second query, and a receipt committed between the two would
    // show a state older than the receipts listed with it.
    const row = await db.$transaction(
      (tx) => tx.pecMessage.findUnique({ where: { id }, include: { receipts: { orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }] } } }),
      { isolationLevel: 'RepeatableRead' },
    );
    if (!row) throw pecFailure(PEC_FAILURE.notFound, `Nessuna PEC con id ${id}.`);
    return { ...toView(row), receipts: row.receipts.map(toReceiptView) };
  }

  return { send, status, ingestReceipt, close: () => transporter.close() };
}
