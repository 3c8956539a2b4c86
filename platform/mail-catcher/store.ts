// The mail catcher's durable store, so that what it answered 250 to is still there after a restart or a
// kill, as it would be in a real mailbox. Each message is two files, each written whole in tmp/, synced,
// then renamed into messages/; the JSON goes last and is what makes the message exist, so a kill leaves
// a message stored whole or not at all (and then it was never answered 250, so the sender sends it again).
//
//   messages/<id>.eml    the message as received
//   messages/<id>.json   its parsed fields (a CaughtMail)
//   tmp/                 files being written; what a kill left there is discarded
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { syncPath } from '../../activities/documents/fsync';
import path from 'node:path';

/** A message the catcher has stored, as the page and the API show it. */
export interface CaughtMail {
  /** Stable across restarts; its order is the order the messages were caught in. */
  id: string;
  /** The Message-ID header as written (with its angle brackets), null when the message had none. */
  messageId: string | null;
  from: string;
  /** The envelope's recipients (RCPT TO), so a Bcc recipient is listed too. */
  to: string[];
  subject: string;
  /** When it was caught, ISO 8601. */
  date: string;
  html: string | null;
  text: string | null;
}

/** What the list needs, kept in memory; bodies stay on disk until asked for. */
type Summary = Omit<CaughtMail, 'html' | 'text'>;

export interface StoreOutcome {
  /** False when a message with the same Message-ID was already stored: nothing was written. */
  stored: boolean;
  id: string;
}

export interface MailStore {
  /**
   * Stores a message durably unless one with the same Message-ID is already stored; resolves once a
   * kill can no longer lose it. Writes one at a time, so two sends of one Message-ID store it once.
   */
  add(raw: Buffer, mail: Omit<CaughtMail, 'id' | 'date'>, at: Date): Promise<StoreOutcome>;
  /** Every message, newest first, bodies read from disk. */
  list(): Promise<CaughtMail[]>;
  /** One message with its raw source, or null for an id it does not hold. */
  get(id: string): Promise<{ mail: CaughtMail; raw: Buffer } | null>;
}

const ID_PATTERN = /^\d{13}-\d{6}-[0-9a-f]{8}$/;

/** Writes `data` to `target` through a synced file in `tmp`, so `target` is never seen half-written. */
async function writeDurably(tmp: string, target: string, data: Buffer | string): Promise<void> {
  const building = path.join(tmp, path.basename(target));
  await writeFile(building, data, { flag: 'wx', mode: 0o600 });
  await syncPath(building);
  await rename(building, target);
}

/** Opens (creating it if needed) the store in `dir`, discarding what a kill left half-written. */
export async function openMailStore(dir: string): Promise<MailStore> {
  const messages = path.join(dir, 'messages');
  const tmp = path.join(dir, 'tmp');
  await rm(tmp, { recursive: true, force: true });
  for (const folder of [messages, tmp]) await mkdir(folder, { recursive: true, mode: 0o700 });

  const files = await readdir(messages);
  const committed = new Set(files.filter((file) => file.endsWith('.json')).map((file) => file.slice(0, -'.json'.length)));
  // An .eml without its JSON was never answered 250: the sender still has it and will send it again.
  for (const file of files) {
    if (file.endsWith('.eml') && !committed.has(file.slice(0, -'.eml'.length))) await rm(path.join(messages, file), { force: true });
  }

  const readMail = async (id: string) => JSON.parse(await readFile(path.join(messages, `${id}.json`), 'utf8')) as CaughtMail;
  // Oldest first: ids sort in the order they were caught.
  const summaries: Summary[] = [];
  for (const id of [...committed].filter((name) => ID_PATTERN.test(name)).sort()) {
    const { html: _html, text: _text, ...summary } = await readMail(id);
    summaries.push(summary);
  }
  const byId = new Map(summaries.map((summary) => [summary.id, summary]));
  const byMessageId = new Map(summaries.flatMap((summary) => (summary.messageId ? [[summary.messageId, summary.id] as const] : [])));

  // A counter as well as the time, so messages caught in the same millisecond keep their order.
  let sequence = 0;
  const nextId = (at: Date) =>
    `${String(at.getTime()).padStart(13, '0')}-${String(sequence++ % 1_000_000).padStart(6, '0')}-${randomBytes(4).toString('hex')}`;

  // Writes go one at a time: the Message-ID check and the write it guards must not interleave.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };

  return {
    add: (raw, fields, at) =>
      serially(async () => {
        const first = fields.messageId === null ? undefined : byMessageId.get(fields.messageId);
        if (first) return { stored: false, id: first };
        const mail: CaughtMail = { id: nextId(at), date: at.toISOString(), ...fields };
        await writeDurably(tmp, path.join(messages, `${mail.id}.eml`), raw);
        await writeDurably(tmp, path.join(messages, `${mail.id}.json`), JSON.stringify(mail));
        await syncPath(messages);
        const { html: _html, text: _text, ...summary } = mail;
        summaries.push(summary);
        byId.set(mail.id, summary);
        if (mail.messageId !== null) byMessageId.set(mail.messageId, mail.id);
        return { stored: true, id: mail.id };
      }),

    list: () => Promise.all([...summaries].reverse().map((summary) => readMail(summary.id))),

    async get(id) {
      // Only ids it holds reach the file system, so a crafted id cannot name another file.
      if (!byId.has(id)) return null;
      const [mail, raw] = await Promise.all([readMail(id), readFile(path.join(messages, `${id}.eml`))]);
      return { mail, raw };
    },
  };
}
