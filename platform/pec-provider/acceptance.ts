// What the local provider does with a message it has received over SMTP: checks it as a PEC access
// point would, issues the accettazione (or non-accettazione), delivers a busta di trasporto to each
// recipient it can, and issues that recipient's avvenuta-consegna or errore-consegna. All of it is in
// the store before the SMTP answer, so a message answered 250 always has its receipts.
import { simpleParser } from 'mailparser';
import { normalizeMessageId } from '../../activities/pec/daticert';
import { accettazione, type AcceptedMessage, avvenutaConsegna, bustaDiTrasporto, erroreConsegna, type IssuedMessage, nonAccettazione, type ProviderIdentity } from './receipts';
import { route, type RoutingSettings } from './routing';
import type { ProviderStore } from './store';

/** An SMTP transaction the provider answered with 250 (since it started), repeated Message-IDs included. */
export interface Submission {
  messageId: string;
  from: string;
  to: string[];
  /**
   * A Message-ID this sender had already sent (before a restart too): answered 250, nothing issued or
   * delivered again; the receipts of the first are in the sender's mailbox.
   */
  duplicate: boolean;
  at: Date;
}

/** An SMTP refusal: smtp-server answers with its responseCode. */
export class SmtpRefusal extends Error {
  constructor(readonly responseCode: number, message: string) {
    super(message);
  }
}

export interface Acceptance {
  /** The messages issued, in order, stored: receipts in the sender's mailbox, bustas in the recipients'. */
  accept(raw: Buffer, envelope: { mailFrom: string; rcptTo: string[] }): Promise<IssuedMessage[]>;
  submissions(): Submission[];
}

export function createAcceptance(provider: ProviderIdentity, routing: RoutingSettings, store: ProviderStore): Acceptance {
  const log: Submission[] = [];
  const accepted = store.acceptedKeys();
  let sequence = 0;

  async function accept(raw: Buffer, envelope: { mailFrom: string; rcptTo: string[] }): Promise<IssuedMessage[]> {
    const headers = await simpleParser(raw, { ignoreEmbedded: true, skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true, checksumAlgo: false });
    if (!headers.messageId) throw new SmtpRefusal(550, '5.6.0 Messaggio senza Message-ID: non accettato');
    const msgid = normalizeMessageId(headers.messageId);
    const at = new Date();
    // The access point refuses a message whose From is not the mailbox that sends it.
    const fromHeader = headers.from?.value[0]?.address ?? '';
    const fromMatches = fromHeader.toLowerCase() === envelope.mailFrom.toLowerCase();
    // The same Message-ID accepted from the same sender is one message: a sender that resends after
    // losing the provider's answer (the PEC adapter's crash window, a restart of either side) gets no
    // second delivery or receipts, the first one's being in its mailbox. Checked and marked with no
    // await in between, so concurrent resends cannot both pass.
    const key = `${envelope.mailFrom.toLowerCase()} ${msgid}`;
    const duplicate = fromMatches && accepted.has(key);
    if (fromMatches) accepted.add(key);
    const submitted = () => log.push({ messageId: msgid, from: envelope.mailFrom, to: envelope.rcptTo, duplicate, at });
    if (duplicate) {
      submitted();
      return [];
    }

    sequence += 1;
    const message: AcceptedMessage = {
      identificativo: `opec.${at.getTime()}.${sequence}@${provider.domain}`,
      msgid,
      mittente: envelope.mailFrom,
      destinatari: envelope.rcptTo,
      risposte: headers.replyTo?.value[0]?.address ?? envelope.mailFrom,
      oggetto: headers.subject ?? '',
      at,
      raw,
    };
    const mismatch = `il mittente del messaggio (${fromHeader || 'assente'}) non corrisponde alla casella che lo invia (${envelope.mailFrom})`;
    try {
      const issued = fromMatches ? await deliver(message) : [await nonAccettazione(provider, message, mismatch)];
      // Stored in one step once all are built: a failure or a kill leaves no half-processed message.
      await store.commit(fromMatches ? key : null, issued, at);
      submitted();
      return issued;
    } catch (error) {
      // Refused over SMTP, so not accepted: the sender's retry must not count as a duplicate.
      if (fromMatches) accepted.delete(key);
      throw error;
    }
  }

  async function deliver(message: AcceptedMessage): Promise<IssuedMessage[]> {
    const issued = [await accettazione(provider, message)];
    for (const recipient of message.destinatari) {
      const where = route(recipient, routing);
      if (where.deliver) {
        issued.push(await bustaDiTrasporto(provider, message, recipient), await avvenutaConsegna(provider, message, recipient));
      } else {
        issued.push(await erroreConsegna(provider, message, recipient, where.errore, where.erroreEsteso));
      }
    }
    return issued;
  }

  return { accept, submissions: () => [...log] };
}
