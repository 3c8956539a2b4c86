// The IMAP reader's rules, over a mailbox kept in memory: no IMAP server is available here, so the
// ImapFlow side (withImapInbox) is exercised only as far as failing to connect.
import { createPecService } from '../../../activities/pec/smtp-pec-service';
import { createImapReceiptReader } from '../../../activities/pec/imap-receipt-reader';
import { drainInbox, type ReceiptInbox } from '../../../activities/pec/receipt-inbox';
import { accettazione, avvenutaConsegna } from '../../../platform/pec-provider/receipts';
import { createDb, type Db } from '../../../prisma/client';
import { freePort } from '../../support/free-port';
import { accepted, createSentMessage, daticertXml, PROVIDER, receiptAround } from './receipt-fixtures';

/** A mailbox in memory with IMAP's flags: what the reader sees of the provider's inbox. */
class MemoryInbox implements ReceiptInbox {
  readonly messages: { uid: number; raw: Buffer; flags: Set<string> }[] = [];

  add(raw: Buffer): number {
    const uid = this.messages.length + 1;
    this.messages.push({ uid, raw, flags: new Set() });
    return uid;
  }

  flagsOf(uid: number): string[] {
    return [...this.find(uid).flags].sort();
  }

  async unreadReceipts() {
    return this.messages.filter((message) => !message.flags.has('\\Seen')).map((message) => message.uid);
  }

  async source(uid: number) {
    return this.find(uid).raw;
  }

  async markSeen(uid: number) {
    this.find(uid).flags.add('\\Seen');
  }

  async markRejected(uid: number) {
    this.find(uid).flags.add('\\Seen').add('\\Flagged');
  }

  private find(uid: number) {
    const message = this.messages.find((candidate) => candidate.uid === uid);
    if (!message) throw new Error(`no message ${uid}`);
    return message;
  }
}

describe('IMAP receipt reader', () => {
  let db: Db;
  let pec: ReturnType<typeof createPecService>;

  beforeAll(() => {
    db = createDb(process.env.DATABASE_URL!);
    pec = createPecService({ db, smtp: { host: '127.0.0.1', port: 1, secure: false }, from: 'protocollo@pec.regione.puglia.it' });
  });
  afterAll(async () => {
    pec.close();
    await db.$disconnect();
  });

  it('when the inbox holds receipts, a repeated one and a hostile one, then each is ingested and marked, the hostile one flagged', async () => {
    const message = await createSentMessage(db);
    const inbox = new MemoryInbox();
    const acceptance = await accettazione(PROVIDER, accepted(message));
    const uids = {
      acceptance: inbox.add(acceptance.raw),
      consegna: inbox.add((await avvenutaConsegna(PROVIDER, accepted(message), message.destinatario)).raw),
      again: inbox.add(acceptance.raw),
      hostile: inbox.add(await receiptAround(daticertXml(message.messageId, { prolog: '<!DOCTYPE postacert [<!ENTITY x "y">]>' }))),
      stranger: inbox.add((await accettazione(PROVIDER, accepted({ ...message, messageId: '<altro@altrove.example>' }))).raw),
    };

    const result = await drainInbox(inbox, pec);

    expect(result.outcomes).toEqual({ recorded: 2, duplicate: 1, 'unknown-message': 1 });
    expect(result.rejected).toEqual([{ uid: uids.hostile, reason: expect.stringContaining('DOCTYPE') }]);
    expect(inbox.flagsOf(uids.hostile)).toEqual(['\\Flagged', '\\Seen']);
    for (const uid of [uids.acceptance, uids.consegna, uids.again, uids.stranger]) expect(inbox.flagsOf(uid)).toEqual(['\\Seen']);
    expect(await pec.status(message.id)).toMatchObject({ stato: 'CONSEGNATO' });
    // A second poll finds nothing left to read.
    expect(await drainInbox(inbox, pec)).toEqual({ outcomes: { recorded: 0, duplicate: 0, 'unknown-message': 0 }, rejected: [] });
  });

  it('when the database is unreachable, then the poll fails and the receipt stays unread for the next one', async () => {
    const message = await createSentMessage(db);
    const inbox = new MemoryInbox();
    const uid = inbox.add((await accettazione(PROVIDER, accepted(message))).raw);
    const unreachable = createDb(`postgresql://push@127.0.0.1:${await freePort()}/nessuno`);
    const broken = createPecService({ db: unreachable, smtp: { host: '127.0.0.1', port: 1, secure: false }, from: 'protocollo@pec.regione.puglia.it' });
    try {
      await expect(drainInbox(inbox, broken)).rejects.toThrow();
    } finally {
      broken.close();
      await unreachable.$disconnect();
    }
    expect(inbox.flagsOf(uid)).toEqual([]);
    expect((await drainInbox(inbox, pec)).outcomes.recorded).toBe(1);
  });

  it('when the IMAP server cannot be reached, then the poll reports the failure to onError and polling can be stopped', async () => {
    const settings = { host: '127.0.0.1', port: await freePort(), secure: false, user: 'protocollo@pec.regione.puglia.it', password: 'x', mailbox: 'INBOX' };
    await expect(createImapReceiptReader(settings, pec, { onError: () => undefined }).pollOnce()).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    const errors: unknown[] = [];
    let reported!: () => void;
    const firstError = new Promise<void>((resolve) => (reported = resolve));
    const reader = createImapReceiptReader(settings, pec, { pollIntervalMs: 60_000, onError: (error) => {
      errors.push(error);
      reported();
    } });
    reader.start();
    await firstError;
    await reader.stop();
    expect(errors).toEqual([expect.objectContaining({ code: 'ECONNREFUSED' })]);
  });
});
