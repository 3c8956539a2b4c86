// A PEC receipt as it arrives: an RFC 5322 message (often S/MIME signed by the provider) whose
// certified data is the daticert.xml attachment.
import { simpleParser } from 'mailparser';
import { type Daticert, normalizeMessageId, parseDaticert } from './daticert';
import { PEC_FAILURE, pecFailure } from './pec';

export interface ReceivedReceipt {
  /** The receipt's own Message-ID: the key that makes reading it twice record it once. */
  receiptMessageId: string;
  daticert: Daticert;
  /** daticert.xml as received, kept as the record of what the provider certified. */
  daticertXml: string;
}

export async function readReceipt(raw: Buffer): Promise<ReceivedReceipt> {
  // ignoreEmbedded: a consegna receipt carries the original message as postacert.eml, and a
  // daticert.xml inside it (or inside a forwarded PEC) must never be taken for the receipt's own.
  const mail = await simpleParser(raw, { ignoreEmbedded: true, skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, checksumAlgo: false });
  if (!mail.messageId) throw pecFailure(PEC_FAILURE.invalidReceipt, 'La ricevuta non ha un Message-ID.');
  const candidates = mail.attachments.filter((attachment) => attachment.filename?.toLowerCase() === 'daticert.xml');
  if (candidates.length !== 1) {
    throw pecFailure(PEC_FAILURE.invalidReceipt, `La ricevuta ${mail.messageId} ha ${candidates.length} allegati daticert.xml invece di uno.`);
  }
  const { daticert, xml } = parseDaticert(candidates[0]!.content);
  return { receiptMessageId: normalizeMessageId(mail.messageId), daticert, daticertXml: xml };
}
