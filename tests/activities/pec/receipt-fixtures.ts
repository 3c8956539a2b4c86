// Receipts for the tests, built as the local provider builds them, or around a daticert.xml of the
// test's own making (a hostile one, a malformed one).
import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Db } from '../../../prisma/client';
import type { PecMessage } from '../../../prisma/generated/client';
import type { AcceptedMessage, ProviderIdentity } from '../../../platform/pec-provider/receipts';

export const PROVIDER: ProviderIdentity = { domain: 'pec.test.localhost', gestore: 'Gestore di prova' };

/** A PecMessage as send() leaves it, for tests that drive ingestReceipt by hand. */
export function createSentMessage(db: Db, overrides: Partial<{ destinatario: string; workflowId: string }> = {}): Promise<PecMessage> {
  const id = randomUUID();
  return db.pecMessage.create({
    data: {
      idempotencyKey: `test/${id}`,
      messageId: `<pec.${id}@pec.regione.puglia.it>`,
      mittente: 'protocollo@pec.regione.puglia.it',
      destinatario: overrides.destinatario ?? 'protocollo@pec.comune.bari.it',
      oggetto: 'Esito della richiesta di accreditamento',
      testo: 'Si comunica l\'esito.',
      workflowId: overrides.workflowId ?? null,
      sentAt: new Date(),
    },
  });
}

/** The message as the provider describes it in every receipt about it. */
export function accepted(message: PecMessage, at = new Date()): AcceptedMessage {
  return {
    identificativo: `opec.${randomUUID()}@${PROVIDER.domain}`,
    msgid: message.messageId,
    mittente: message.mittente,
    destinatari: [message.destinatario],
    risposte: message.mittente,
    oggetto: message.oggetto,
    at,
    raw: Buffer.from(`From: ${message.mittente}\r\nTo: ${message.destinatario}\r\nMessage-ID: ${message.messageId}\r\nSubject: ${message.oggetto}\r\n\r\n${message.testo}\r\n`),
  };
}

/** A receipt-shaped message around the given daticert.xml bytes. */
export function receiptAround(daticert: string | Buffer, extra: { messageId?: string; attachments?: { filename: string; content: Buffer; contentType: string; contentDisposition?: string }[] } = {}): Promise<Buffer> {
  return new MailComposer({
    from: `posta-certificata@${PROVIDER.domain}`,
    to: 'protocollo@pec.regione.puglia.it',
    subject: 'ACCETTAZIONE: prova',
    messageId: extra.messageId ?? `<ricevuta.${randomUUID()}@${PROVIDER.domain}>`,
    headers: { 'X-Ricevuta': 'accettazione' },
    text: 'Ricevuta di accettazione',
    attachments: [{ filename: 'daticert.xml', content: daticert, contentType: 'application/xml' }, ...(extra.attachments ?? [])],
  }).compile().build();
}

/** A daticert.xml as a provider writes it, for the message with this Message-ID. */
export function daticertXml(msgid: string, options: { tipo?: string; body?: string; prolog?: string } = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
${options.prolog ?? ''}<postacert tipo="${options.tipo ?? 'accettazione'}" errore="nessuno">
  <intestazione>
    <mittente>${options.body ?? 'protocollo@pec.regione.puglia.it'}</mittente>
    <destinatari tipo="certificato">protocollo@pec.comune.bari.it</destinatari>
    <risposte>protocollo@pec.regione.puglia.it</risposte>
    <oggetto>Prova</oggetto>
  </intestazione>
  <dati>
    <gestore-emittente>Gestore di prova</gestore-emittente>
    <data zona="+0100">
      <giorno>23/11/2026</giorno>
      <ora>10:15:30</ora>
    </data>
    <identificativo>opec.1@pec.test.localhost</identificativo>
    <msgid>${msgid.replace(/</g, '&lt;').replace(/>/g, '&gt;')}</msgid>
  </dati>
</postacert>
`;
}

/** How providers differ in writing the same daticert.xml (all seen in real receipts). */
export interface ProviderStyle {
  name: string;
  encoding: 'UTF-8' | 'ISO-8859-1' | null;
  doctype: string;
  /** Attributes of <postacert> in this order. */
  errorFirst: boolean;
  newline: string;
  indent: string;
}

export const PROVIDER_STYLES: ProviderStyle[] = [
  { name: 'SYSTEM DOCTYPE, UTF-8, indented', encoding: 'UTF-8', doctype: '<!DOCTYPE postacert SYSTEM "postacert.dtd">', errorFirst: false, newline: '\n', indent: '  ' },
  { name: 'PUBLIC DOCTYPE, ISO-8859-1, CRLF and tabs, errore first', encoding: 'ISO-8859-1', doctype: '<!DOCTYPE postacert PUBLIC "-//Ministero//DTD postacert 1.0//IT" "postacert.dtd">', errorFirst: true, newline: '\r\n', indent: '\t' },
  { name: 'SYSTEM DOCTYPE in single quotes with a path, no declaration, one line', encoding: null, doctype: "<!DOCTYPE postacert  SYSTEM 'Docs/postacert.dtd' >", errorFirst: true, newline: '', indent: '' },
  { name: 'no DOCTYPE, ISO-8859-1', encoding: 'ISO-8859-1', doctype: '', errorFirst: false, newline: '\n', indent: '    ' },
];

export interface ReceiptFacts {
  tipo: 'accettazione' | 'avvenuta-consegna' | 'errore-consegna';
  msgid: string;
  mittente: string;
  destinatario: string;
  oggetto: string;
}

/** daticert.xml as a provider of this style writes it, as bytes in the encoding it declares. */
export function providerDaticert(style: ProviderStyle, facts: ReceiptFacts): Buffer {
  const { newline: nl, indent: i } = style;
  const errore = facts.tipo === 'errore-consegna' ? 'no-dest' : 'nessuno';
  const attributes = style.errorFirst ? `errore="${errore}" tipo="${facts.tipo}"` : `tipo="${facts.tipo}" errore="${errore}"`;
  const escaped = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const lines = [
    style.encoding ? `<?xml version="1.0" encoding="${style.encoding}"?>` : '',
    style.doctype,
    `<postacert ${attributes}>`,
    `${i}<intestazione>`,
    `${i}${i}<mittente>${facts.mittente}</mittente>`,
    `${i}${i}<destinatari tipo="certificato">${facts.destinatario}</destinatari>`,
    `${i}${i}<risposte>${facts.mittente}</risposte>`,
    `${i}${i}<oggetto>${escaped(facts.oggetto)}</oggetto>`,
    `${i}</intestazione>`,
    `${i}<dati>`,
    `${i}${i}<gestore-emittente>${PROVIDER.gestore}</gestore-emittente>`,
    `${i}${i}<data zona="+0100">${nl}${i}${i}${i}<giorno>23/11/2026</giorno>${nl}${i}${i}${i}<ora>10:15:30</ora>${nl}${i}${i}</data>`,
    `${i}${i}<identificativo>opec.${randomUUID()}@${PROVIDER.domain}</identificativo>`,
    `${i}${i}<msgid>${escaped(facts.msgid)}</msgid>`,
    facts.tipo === 'accettazione' ? '' : `${i}${i}<consegna>${facts.destinatario}</consegna>`,
    facts.tipo === 'errore-consegna' ? `${i}${i}<errore-esteso>5.1.1 - Casella inesistente</errore-esteso>` : '',
    `${i}</dati>`,
    '</postacert>',
  ].filter((line) => line !== '');
  return Buffer.from(lines.join(nl) + nl, style.encoding === 'ISO-8859-1' ? 'latin1' : 'utf8');
}
