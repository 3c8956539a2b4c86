// One SMTP client setup for both kinds of mail the platform sends, PEC and ordinary e-mail: credentials and
// content never cross a network in clear (loopback is the embedded servers'), slow servers time out, and
// nothing in a message is ever read from a file or a URL.
import nodemailer from 'nodemailer';

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  user?: string;
  password?: string;
}

export const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\./.test(host);

export function createSmtpTransport(smtp: SmtpSettings) {
  return nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? '' } : undefined,
    requireTLS: !smtp.secure && !isLoopback(smtp.host),
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
    // Attachments are Buffers; a path or URL in one would be a bug, not something to fetch.
    disableFileAccess: true,
    disableUrlAccess: true,
  });
}
