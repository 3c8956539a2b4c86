// The PEC adapter's interface (posta elettronica certificata, DPR 68/2005 and DM 2 November 2005).
// Activities see only this; the SMTP implementation is in smtp-pec-service.ts.
import { ApplicationFailure } from '@temporalio/common';

export type PecStato = 'INVIATO' | 'ACCETTATO' | 'CONSEGNATO' | 'ERRORE';

/** The receipts a sender's mailbox receives, as the `tipo` attribute of daticert.xml names them. */
export const RECEIPT_TIPI = ['accettazione', 'non-accettazione', 'avvenuta-consegna', 'errore-consegna', 'preavviso-errore-consegna'] as const;
export type ReceiptTipo = (typeof RECEIPT_TIPI)[number];

export interface PecAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
}

export interface PecSendInput {
  /** Derived from the workflow id and step: one PEC per key, however often the activity is retried. */
  idempotencyKey: string;
  /** One PEC address. */
  to: string;
  subject: string;
  text: string;
  attachments?: PecAttachment[];
  workflowId?: string;
  enteId?: string;
}

/** A PEC as the platform tracks it. Dates are ISO strings so the view crosses Temporal's JSON payloads intact. */
export interface PecMessageView {
  id: string;
  idempotencyKey: string;
  /** The RFC 5322 Message-ID, with its angle brackets: the `msgid` every receipt refers to. */
  messageId: string;
  from: string;
  to: string;
  subject: string;
  stato: PecStato;
  /** Why it failed, from the error receipt (`errore` and `errore-esteso`). */
  errore: string | null;
  workflowId: string | null;
  enteId: string | null;
  /** When the provider accepted the SMTP transaction; null until this adapter has seen it do so. */
  sentAt: string | null;
  acceptedAt: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
  createdAt: string;
}

export interface ReceiptView {
  id: string;
  tipo: ReceiptTipo;
  /** The receipt's own Message-ID. */
  receiptMessageId: string;
  /** The event's time as the provider certifies it in daticert.xml. */
  receivedAt: string;
  /** The daticert.xml as received: the receipt's certified data. */
  daticert: string;
  documentId: string | null;
}

export type PecMessageStatus = PecMessageView & { receipts: ReceiptView[] };

export type IngestOutcome = 'recorded' | 'duplicate' | 'unknown-message';

export interface PecService {
  /** Sends the PEC for this idempotency key once; a repeated call returns the PEC already sent. */
  send(input: PecSendInput): Promise<PecMessageView>;
  /** The PEC with the receipts recorded for it, oldest first. */
  status(id: string): Promise<PecMessageStatus>;
  /**
   * Records a receipt (a whole RFC 5322 message carrying daticert.xml) and moves its PEC's state forward.
   * `notifyDuplicate`: a receipt already recorded is notified again, with the PEC's current state (for a
   * reader of an unread receipt: whoever recorded it may have died before notifying).
   */
  ingestReceipt(raw: Buffer, options?: { notifyDuplicate?: boolean }): Promise<IngestOutcome>;
}

/** Business failure codes: retrying cannot help, so they are non-retryable ApplicationFailures. */
export const PEC_FAILURE = {
  /** A receipt that is not a well-formed PEC receipt (no daticert.xml, a DOCTYPE, a missing field…). */
  invalidReceipt: 'PEC_RICEVUTA_NON_VALIDA',
  /** No PEC with that id. */
  notFound: 'PEC_NON_TROVATA',
  /** The idempotency key was already used for a PEC with another recipient, subject or text. */
  keyReused: 'PEC_CHIAVE_RIUSATA',
  /** The recipient is not one e-mail address. */
  invalidRecipient: 'PEC_DESTINATARIO_NON_VALIDO',
} as const;

export function pecFailure(type: (typeof PEC_FAILURE)[keyof typeof PEC_FAILURE], message: string): ApplicationFailure {
  return ApplicationFailure.create({ type, message, nonRetryable: true });
}

export function isPecFailure(error: unknown, type: (typeof PEC_FAILURE)[keyof typeof PEC_FAILURE]): error is ApplicationFailure {
  return error instanceof ApplicationFailure && error.type === type;
}
