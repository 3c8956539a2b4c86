// Ordinary e-mail (not PEC): what the platform tells people for their convenience, like the morning digest
// of their tasks. It has no legal weight and no receipts; what it needs is to reach the person once. Every
// message carries a Message-ID fixed by the caller, so a retry after a lost answer sends the same message
// again and the receiving servers (the embedded catcher included) keep one.
import { createSmtpTransport, type SmtpSettings } from './smtp-transport';

export interface MailSettings extends SmtpSettings {
  /** The sender, e.g. «PUSH – Regione Puglia <noreply@…>». */
  from: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** «<…@…>»: the same for every attempt of one message. */
  messageId: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function createMailer(settings: MailSettings): Mailer {
  const transporter = createSmtpTransport(settings);
  return {
    async send(mail) {
      await transporter.sendMail({ from: settings.from, to: mail.to, subject: mail.subject, html: mail.html, text: mail.text, messageId: mail.messageId });
    },
    close: () => transporter.close(),
  };
}
