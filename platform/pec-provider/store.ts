// The local provider's durable store, so that it keeps what a real PEC provider keeps across a crash:
// every message it answered 250 to, the receipts it owes the sender and the bustas it delivered, and
// which receipts the sender has read. One folder per accepted submission, written whole in tmp/ and
// renamed into accepted/ before the SMTP answer: a kill leaves a submission stored whole or not at all
// (and then it was never answered 250, so the sender sends it again).
//
//   accepted/<folder>/submission.json   the submission and the index of what it issued
//   accepted/<folder>/<n>.eml           each issued message (receipt or busta), as a mailbox holds it
//   seen/<entry id>                     a receipt its owner has read ("flagged" inside if refused)
//   tmp/                                submissions being written; what a kill left there is discarded
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { syncPath } from '../../activities/documents/fsync';
import path from 'node:path';
import type { DaticertTipo } from './daticert-writer';
import type { IssuedMessage } from './receipts';

/** A message in a mailbox: a receipt for its owner as sender, or a busta di trasporto for it as recipient. */
export interface MailboxEntry {
  /** Stable across restarts: `<submission folder>.<n>`. */
  id: string;
  tipo: DaticertTipo;
  from: string;
  to: string;
  subject: string;
  messageId: string;
  raw: Buffer;
  receivedAt: Date;
}

type StoredEntry = Omit<MailboxEntry, 'raw'>;

/** What submission.json holds. */
interface SubmissionRecord {
  /** Sender and Message-ID of an accepted message (what makes a resend a duplicate); null for a refusal. */
  key: string | null;
  at: string;
  issued: { tipo: DaticertTipo; from: string; to: string; subject: string; messageId: string }[];
}

export interface ProviderStore {
  /** The keys of every message accepted, this run or before. */
  acceptedKeys(): Set<string>;
  /** Stores a submission's issued messages durably; resolves once a kill can no longer lose them. */
  commit(key: string | null, issued: IssuedMessage[], at: Date): Promise<void>;
  /** An address's mailbox, oldest first, raw bytes read from disk. */
  mailbox(address: string): MailboxEntry[];
  /** Ids of the receipts addressed to `address` that it has not read yet, oldest first. */
  unreadReceipts(address: string): string[];
  source(id: string): Promise<Buffer>;
  markSeen(id: string, flagged: boolean): Promise<void>;
}

async function writeSynced(file: string, data: Buffer | string): Promise<void> {
  await writeFile(file, data, { flag: 'wx', mode: 0o600 });
  await syncPath(file);
}

const entryFile = (id: string) => {
  const dot = id.lastIndexOf('.');
  return path.join('accepted', id.slice(0, dot), `${id.slice(dot + 1)}.eml`);
};

/** Opens (creating it if needed) the store in `dir`, discarding submissions a kill left half-written. */
export async function openProviderStore(dir: string): Promise<ProviderStore> {
  const accepted = path.join(dir, 'accepted');
  const seenDir = path.join(dir, 'seen');
  const tmp = path.join(dir, 'tmp');
  await rm(tmp, { recursive: true, force: true });
  for (const folder of [accepted, seenDir, tmp]) await mkdir(folder, { recursive: true, mode: 0o700 });

  const keys = new Set<string>();
  const entries: StoredEntry[] = [];
  const add = (folder: string, record: SubmissionRecord) => {
    if (record.key) keys.add(record.key);
    const receivedAt = new Date(record.at);
    record.issued.forEach((item, n) => entries.push({ id: `${folder}.${n}`, receivedAt, ...item }));
  };
  const folders = await readdir(accepted);
  for (const folder of folders) add(folder, JSON.parse(await readFile(path.join(accepted, folder, 'submission.json'), 'utf8')) as SubmissionRecord);
  // Oldest first; a stable sort keeps each submission's own order.
  entries.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  const seen = new Set(await readdir(seenDir));

  const inMailbox = (address: string) => entries.filter((entry) => entry.to.toLowerCase() === address.toLowerCase());

  return {
    acceptedKeys: () => new Set(keys),

    async commit(key, issued, at) {
      const folder = `${at.getTime()}-${randomUUID()}`;
      const building = path.join(tmp, folder);
      await mkdir(building);
      for (const [n, item] of issued.entries()) await writeSynced(path.join(building, `${n}.eml`), item.raw);
      const record: SubmissionRecord = {
        key,
        at: at.toISOString(),
        issued: issued.map(({ tipo, from, to, subject, messageId }) => ({ tipo, from, to, subject, messageId })),
      };
      await writeSynced(path.join(building, 'submission.json'), JSON.stringify(record));
      await syncPath(building);
      await rename(building, path.join(accepted, folder));
      await syncPath(accepted);
      add(folder, record);
    },

    mailbox: (address) => inMailbox(address).map((entry) => ({ ...entry, raw: readFileSync(path.join(dir, entryFile(entry.id))) })),

    unreadReceipts: (address) => inMailbox(address).filter((entry) => entry.tipo !== 'posta-certificata' && !seen.has(entry.id)).map((entry) => entry.id),

    async source(id) {
      if (!entries.some((entry) => entry.id === id)) throw new Error(`PEC provider: no message ${id}`);
      return readFile(path.join(dir, entryFile(id)));
    },

    async markSeen(id, flagged) {
      // Not synced: a mark lost to a crash only makes the reader read the receipt again, which
      // records nothing twice.
      await writeFile(path.join(seenDir, id), flagged ? 'flagged' : '');
      seen.add(id);
    },
  };
}
