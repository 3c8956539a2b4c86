// The local provider's mailboxes, in memory: what a development platform or a test reads back.
import type { DaticertTipo } from './daticert-writer';
import type { IssuedMessage } from './receipts';

export interface MailboxEntry {
  /** A receipt for the mailbox's owner as sender, or a busta di trasporto for it as recipient. */
  tipo: DaticertTipo;
  from: string;
  to: string;
  subject: string;
  messageId: string;
  raw: Buffer;
  receivedAt: Date;
}

export class Mailboxes {
  private readonly byAddress = new Map<string, MailboxEntry[]>();

  put(message: IssuedMessage, receivedAt: Date): void {
    const key = message.to.toLowerCase();
    const entries = this.byAddress.get(key) ?? [];
    entries.push({ tipo: message.tipo, from: message.from, to: message.to, subject: message.subject, messageId: message.messageId, raw: message.raw, receivedAt });
    this.byAddress.set(key, entries);
  }

  /** A copy, oldest first: callers cannot change what the provider holds. */
  list(address: string): MailboxEntry[] {
    return [...(this.byAddress.get(address.toLowerCase()) ?? [])];
  }
}
