// A comment's files are filed before its row; a process that died in between leaves files no comment
// names. The platform's start takes back those older than an hour, and nothing else: not a comment's
// files, not a file of a request that may still be in flight.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createFileDocumentStore } from '../../activities/documents/file-document-store';
import { COMMENT_DOCUMENT_TIPO, discardOrphanCommentFiles } from '../../api/tasks/comments';
import { createDb, type Db } from '../../prisma/client';

describe('files of comments never written', () => {
  let db: Db;
  let rootDir: string;
  beforeAll(async () => {
    db = createDb(process.env.DATABASE_URL!, 5);
    rootDir = await mkdtemp(path.join(os.tmpdir(), 'push-comment-files-'));
  });
  afterAll(async () => {
    await db.$disconnect();
    await rm(rootDir, { recursive: true, force: true });
  });

  it('when the platform starts, then those an hour old that no comment names are taken back, and the others stay', async () => {
    const documents = createFileDocumentStore(db, { rootDir });
    const author = await db.user.create({ data: { codiceFiscale: `ORFANI${randomUUID().slice(0, 10)}`, nome: 'Orfana', cognome: 'Prova' } });
    const ente = await db.ente.create({ data: { codice: `T-${randomUUID()}`, tipo: 'ALTRO', denominazione: 'Ente dei commenti', stato: 'ATTIVO' } });
    const file = (name: string) => documents.store({
      idempotencyKey: `prova-orfani/${randomUUID()}`, content: Buffer.from(name), filename: `${name}.txt`, mimeType: 'text/plain', titolo: name, tipo: COMMENT_DOCUMENT_TIPO, createdById: author.id,
    });
    const [orphan, recent, named] = [await file('orfano'), await file('recente'), await file('citato')];
    const task = await db.task.create({
      data: { id: randomUUID(), workflowId: `prova-${randomUUID()}`, taskKey: 'passo', procedura: 'invio-generico', titolo: 'Attività di prova', enteId: ente.id, candidateEnteId: ente.id, candidateRole: 'REFERENTE', formKey: 'presa-in-carico', data: {} },
    });
    await db.taskComment.create({ data: { taskId: task.id, authorId: author.id, testo: 'Con allegato', documentIds: [named.id] } });
    const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);
    await db.document.updateMany({ where: { id: { in: [orphan.id, named.id] } }, data: { createdAt: hoursAgo(2) } });

    expect(await discardOrphanCommentFiles(db, documents)).toBe(1);
    expect(await documents.find(orphan.id)).toBeNull();
    expect((await documents.read(recent.id)).content.toString()).toBe('recente');
    expect((await documents.read(named.id)).content.toString()).toBe('citato');
    // A restart finds nothing more to take.
    expect(await discardOrphanCommentFiles(db, documents)).toBe(0);
  });
});
