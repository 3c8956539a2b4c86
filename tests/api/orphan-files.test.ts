// Files filed before the row that names them (a comment's attachments, a Comune's list of tenants); a
// process that died in between leaves files nothing names. The platform's start takes back those older than
// an hour, and nothing else: not a file a comment or an application names, not a file of a request that may
// still be in flight.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createFileDocumentStore } from '../../activities/documents/file-document-store';
import { discardOrphanFiles } from '../../api/documenti/orphans';
import { COMMENT_DOCUMENT_TIPO } from '../../api/tasks/comments';
import { createDb, type Db } from '../../prisma/client';

describe('files whose row was never written', () => {
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

    expect(await discardOrphanFiles(db, documents)).toEqual({ [COMMENT_DOCUMENT_TIPO]: 1 });
    expect(await documents.find(orphan.id)).toBeNull();
    expect((await documents.read(recent.id)).content.toString()).toBe('recente');
    expect((await documents.read(named.id)).content.toString()).toBe('citato');
    // A restart finds nothing more to take.
    expect(await discardOrphanFiles(db, documents)).toEqual({});
  });

  it('when the platform starts, then a list of tenants no application names (a crash, or a list replaced) is taken back once an hour old', async () => {
    const documents = createFileDocumentStore(db, { rootDir });
    const ente = await db.ente.create({ data: { codice: `T-${randomUUID()}`, tipo: 'COMUNE', denominazione: 'Comune degli elenchi', stato: 'ATTIVO' } });
    const author = await db.user.create({ data: { codiceFiscale: `ELENCO${randomUUID().slice(0, 10)}`, nome: 'Elenco', cognome: 'Prova' } });
    const list = (name: string) => documents.store({
      idempotencyKey: `prova-elenchi/${randomUUID()}`, content: Buffer.from(name), filename: `${name}.xlsx`, mimeType: 'application/octet-stream', titolo: name, tipo: 'BENEFICIARI_FONDO', createdById: author.id,
    });
    const [replaced, recent, named] = [await list('sostituito'), await list('recente'), await list('attuale')];
    const bando = await db.bandoFondo.create({
      data: { workflowId: `prova-elenchi-${randomUUID()}`, tipo: 'FONDO_AFFITTI', anno: 4000 + Math.floor(Math.random() * 900), titolo: 'Bando degli elenchi', apertura: new Date(), scadenza: new Date(), parametri: {}, sollecitiGiorni: [], createdById: author.id },
    });
    await db.domandaFondo.create({ data: { bandoId: bando.id, enteId: ente.id, workflowId: `prova-elenchi-${randomUUID()}`, beneficiariDocumentId: named.id } });
    await db.document.updateMany({ where: { id: { in: [replaced.id, named.id] } }, data: { createdAt: new Date(Date.now() - 2 * 3_600_000) } });

    expect(await discardOrphanFiles(db, documents)).toEqual({ BENEFICIARI_FONDO: 1 });
    expect(await documents.find(replaced.id)).toBeNull();
    expect((await documents.read(recent.id)).content.toString()).toBe('recente');
    expect((await documents.read(named.id)).content.toString()).toBe('attuale');
  });
});
