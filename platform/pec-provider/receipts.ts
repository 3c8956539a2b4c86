// The messages the local provider issues, each a real MIME message built with nodemailer's MailComposer:
// an Italian text for people, daticert.xml for machines and, where the rules want it, the original
// message as postacert.eml. Real providers also sign them (S/MIME); this one does not.
import { randomUUID } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { DaticertErrore } from '../../activities/pec/daticert';
import { type DaticertTipo, romeTime, writeDaticert } from './daticert-writer';

export interface ProviderIdentity {
  /** Domain of the provider's own addresses and identifiers. */
  domain: string;
  /** Name written in <gestore-emittente>. */
  gestore: string;
}

/** A message the provider accepted, as every receipt about it describes it. */
export interface AcceptedMessage {
  identificativo: string;
  msgid: string;
  mittente: string;
  destinatari: string[];
  risposte: string;
  oggetto: string;
  at: Date;
  raw: Buffer;
}

export interface IssuedMessage {
  tipo: DaticertTipo;
  to: string;
  from: string;
  subject: string;
  messageId: string;
  raw: Buffer;
}

interface Issue {
  tipo: DaticertTipo;
  to: string;
  subject: string;
  text: string;
  errore?: DaticertErrore;
  consegna?: string;
  erroreEsteso?: string;
  /** Attach the original as postacert.eml. */
  withOriginal: boolean;
}

async function issue(provider: ProviderIdentity, message: AcceptedMessage, what: Issue): Promise<IssuedMessage> {
  const daticert = writeDaticert({
    tipo: what.tipo,
    errore: what.errore ?? 'nessuno',
    mittente: message.mittente,
    destinatari: message.destinatari,
    risposte: message.risposte,
    oggetto: message.oggetto,
    gestoreEmittente: provider.gestore,
    at: message.at,
    identificativo: message.identificativo,
    msgid: message.msgid,
    consegna: what.consegna,
    erroreEsteso: what.erroreEsteso,
  });
  const kind = what.tipo === 'posta-certificata' ? 'busta' : 'ricevuta';
  const messageId = `<${kind}.${randomUUID()}@${provider.domain}>`;
  const from = `posta-certificata@${provider.domain}`;
  const headers: Record<string, string> = what.tipo === 'posta-certificata'
    ? { 'X-Trasporto': 'posta-certificata', 'X-Riferimento-Message-ID': message.msgid }
    : { 'X-Ricevuta': what.tipo, 'X-Riferimento-Message-ID': message.msgid };
  const attachments = [{ filename: 'daticert.xml', content: Buffer.from(daticert, 'utf8'), contentType: 'application/xml' }];
  const original = what.withOriginal
    ? [{ filename: 'postacert.eml', content: message.raw, contentType: 'message/rfc822', contentDisposition: 'attachment' }]
    : [];
  const raw = await new MailComposer({
    from: { name: `Per conto di: ${message.mittente}`, address: from },
    to: what.to,
    replyTo: what.tipo === 'posta-certificata' ? message.risposte : undefined,
    subject: what.subject,
    date: message.at,
    messageId,
    headers,
    text: what.text,
    // The busta carries the original first, as the rules order it; receipts lead with daticert.xml.
    attachments: what.tipo === 'posta-certificata' ? [...original, ...attachments] : [...attachments, ...original],
  }).compile().build();
  return { tipo: what.tipo, to: what.to, from, subject: what.subject, messageId, raw };
}

function when(message: AcceptedMessage): string {
  const { giorno, ora, zona } = romeTime(message.at);
  return `Il giorno ${giorno} alle ore ${ora} (${zona})`;
}

const footer = (message: AcceptedMessage) => `Identificativo messaggio: ${message.identificativo}\n`;

export function accettazione(provider: ProviderIdentity, message: AcceptedMessage): Promise<IssuedMessage> {
  const addressed = message.destinatari.map((address) => `${address} ("posta certificata")`).join('\n');
  return issue(provider, message, {
    tipo: 'accettazione',
    to: message.mittente,
    subject: `ACCETTAZIONE: ${message.oggetto}`,
    text: `Ricevuta di accettazione\n\n${when(message)} il messaggio\n"${message.oggetto}" proveniente da "${message.mittente}"\n`
      + `ed indirizzato a:\n${addressed}\nè stato accettato dal sistema ed inoltrato.\n${footer(message)}`,
    withOriginal: false,
  });
}

export function nonAccettazione(provider: ProviderIdentity, message: AcceptedMessage, reason: string): Promise<IssuedMessage> {
  return issue(provider, message, {
    tipo: 'non-accettazione',
    to: message.mittente,
    subject: `AVVISO DI NON ACCETTAZIONE: ${message.oggetto}`,
    errore: 'altro',
    erroreEsteso: reason,
    text: `Avviso di non accettazione\n\n${when(message)} nel messaggio\n"${message.oggetto}" proveniente da "${message.mittente}"\n`
      + `è stato rilevato un problema che ne impedisce l'accettazione: ${reason}.\nIl messaggio non è stato accettato.\n${footer(message)}`,
    withOriginal: false,
  });
}

export function avvenutaConsegna(provider: ProviderIdentity, message: AcceptedMessage, recipient: string): Promise<IssuedMessage> {
  return issue(provider, message, {
    tipo: 'avvenuta-consegna',
    to: message.mittente,
    subject: `CONSEGNA: ${message.oggetto}`,
    consegna: recipient,
    text: `Ricevuta di avvenuta consegna\n\n${when(message)} il messaggio\n"${message.oggetto}" proveniente da "${message.mittente}"\n`
      + `ed indirizzato a "${recipient}"\nè stato consegnato nella casella di destinazione.\n${footer(message)}`,
    withOriginal: true,
  });
}

export function erroreConsegna(
  provider: ProviderIdentity, message: AcceptedMessage, recipient: string, errore: DaticertErrore, erroreEsteso: string,
): Promise<IssuedMessage> {
  return issue(provider, message, {
    tipo: 'errore-consegna',
    to: message.mittente,
    subject: `AVVISO DI MANCATA CONSEGNA: ${message.oggetto}`,
    consegna: recipient,
    errore,
    erroreEsteso,
    text: `Avviso di mancata consegna\n\n${when(message)} nel messaggio\n"${message.oggetto}" proveniente da "${message.mittente}"\n`
      + `ed indirizzato a "${recipient}"\nsi è verificato un errore che ne ha impedito la consegna: ${erroreEsteso}.\n`
      + `Il messaggio non è stato consegnato.\n${footer(message)}`,
    withOriginal: false,
  });
}

/** The busta di trasporto: what the recipient's mailbox receives, the original inside as postacert.eml. */
export function bustaDiTrasporto(provider: ProviderIdentity, message: AcceptedMessage, recipient: string): Promise<IssuedMessage> {
  return issue(provider, message, {
    tipo: 'posta-certificata',
    to: recipient,
    subject: `POSTA CERTIFICATA: ${message.oggetto}`,
    text: `Messaggio di posta certificata\n\n${when(message)} il messaggio\n"${message.oggetto}" è stato inviato da "${message.mittente}"\n`
      + `indirizzato a:\n${message.destinatari.join('\n')}\nIl messaggio originale è incluso in allegato.\n${footer(message)}`,
    withOriginal: true,
  });
}
