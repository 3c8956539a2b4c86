import { createHash, randomUUID } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { StoreInput } from '../../../activities/documents/document-store';
import { DocumentoCorrotto, DocumentoNonTrovato, DocumentoTroppoGrande } from '../../../activities/documents/errors';
import { createFileDocumentStore } from '../../../activities/documents/file-document-store';
import { createDb, type Db } from '../../../prisma/client';

/** Every file under a folder, relative to it: the store must leave nothing but its blobs. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort();
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');
/** The documented layout, written out here on purpose: <root>/ab/cd/<sha256>. */
const layoutPath = (root: string, hash: string) => path.join(root, hash.slice(0, 2), hash.slice(2, 4), hash);

describe('file document store', () => {
  let db: Db;
  let rootDir: string;
  beforeAll(() => {
    db = createDb(process.env.DATABASE_URL!, 5);
  });
  afterAll(() => db.$disconnect());
  beforeEach(async () => {
    rootDir = await mkdtemp(path.join(os.tmpdir(), 'push-documents-'));
  });
  afterEach(() => rm(rootDir, { recursive: true, force: true }));

  const input = (overrides: Partial<StoreInput> = {}): StoreInput => ({
    idempotencyKey: `wf-${randomUUID()}/documento`,
    content: Buffer.from(`Determinazione ${randomUUID()}`),
    filename: 'determinazione.pdf',
    mimeType: 'application/pdf',
    titolo: 'Provvedimento di accreditamento – Comune di Bari',
    tipo: 'PROVVEDIMENTO_ACCREDITAMENTO',
    ...overrides,
  });

  it('when a document is stored and read, then the same bytes and metadata come back and the file sits under its hash', async () => {
    const store = createFileDocumentStore(db, { rootDir });
    const workflowId = `wf-${randomUUID()}`;
    const content = Buffer.from('%PDF-1.7 contenuto di prova àèìòù');
    const stored = await store.store(input({ content, workflowId, enteId: 'ente-1', createdById: 'user-1', protocolloId: 'prot-1' }));

    const read = await store.read(stored.id);
    expect(read.content.equals(content)).toBe(true);
    expect(read.document).toEqual(stored);
    expect(stored).toMatchObject({
      sha256: sha256(content), size: content.length, version: 1, previousVersionId: null,
      workflowId, enteId: 'ente-1', createdById: 'user-1', protocolloId: 'prot-1', filename: 'determinazione.pdf',
    });
    expect(new Date(stored.createdAt).toISOString()).toBe(stored.createdAt);
    expect(await filesUnder(rootDir)).toEqual([path.relative(rootDir, layoutPath(rootDir, stored.sha256))]);
    expect(await store.find(stored.id)).toEqual(stored);
    expect(await store.find(randomUUID())).toBeNull();
    expect(await store.listByWorkflow(workflowId)).toEqual([stored]);
  });

  it('when identical content is stored under two keys, then there are two documents and one file on disk', async () => {
    const store = createFileDocumentStore(db, { rootDir });
    const content = Buffer.from(`Allegato ${randomUUID()}`);
    const first = await store.store(input({ content, filename: 'allegato.pdf' }));
    const second = await store.store(input({ content, filename: 'copia.pdf' }));
    expect(second.id).not.toBe(first.id);
    expect(second.sha256).toBe(first.sha256);
    expect(await filesUnder(rootDir)).toEqual([path.relative(rootDir, layoutPath(rootDir, first.sha256))]);
    expect((await store.read(second.id)).content.equals(content)).toBe(true);
  });

  it('when a store is retried with the same key, then the first document is returned and nothing new is written', async () => {
    const store = createFileDocumentStore(db, { rootDir });
    const key = `wf-${randomUUID()}/provvedimento`;
    const first = await store.store(input({ idempotencyKey: key, content: Buffer.from('prima resa') }));
    // A re-rendered PDF differs (its creation date): the retry still gets the first document.
    const retried = await store.store(input({ idempotencyKey: key, content: Buffer.from('seconda resa') }));
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => store.store(input({ idempotencyKey: key }))));
    expect(retried).toEqual(first);
    expect(new Set(concurrent.map((document) => document.id))).toEqual(new Set([first.id]));
    expect(await filesUnder(rootDir)).toHaveLength(1);
    expect(await db.document.count({ where: { idempotencyKey: key } })).toBe(1);
  });

  it('when concurrent stores share a new key, then one document is made', async () => {
    const store = createFileDocumentStore(db, { rootDir });
    const key = `wf-${randomUUID()}/concorrente`;
    const content = Buffer.from(`Concorrente ${randomUUID()}`);
    const results = await Promise.all(Array.from({ length: 8 }, () => store.store(input({ idempotencyKey: key, content }))));
    expect(new Set(results.map((document) => document.id)).size).toBe(1);
    expect(await db.document.count({ where: { idempotencyKey: key } })).toBe(1);
    expect(await filesUnder(rootDir)).toHaveLength(1);
  });

  it('when a new version of a document is stored, then its version is the previous one plus 1', async () => {
    const store = createFileDocumentStore(db, { rootDir });
    const workflowId = `wf-${randomUUID()}`;
    const v1 = await store.store(input({ workflowId }));
    const v2 = await store.store(input({ workflowId, previousVersionId: v1.id }));
    const v3 = await store.store(input({ workflowId, previousVersionId: v2.id }));
    expect([v1.version, v2.version, v3.version]).toEqual([1, 2, 3]);
    expect(v3.previousVersionId).toBe(v2.id);
    expect((await store.listByWorkflow(workflowId)).map((document) => document.id)).toEqual([v1.id, v2.id, v3.id]);
  });

  it('when the previous version does not exist, then the store refuses and writes nothing', async () => {
    const store = createFileDocumentStore(db, { rootDir });
    const missing = randomUUID();
    const attempt = input({ previousVersionId: missing });
    await expect(store.store(attempt)).rejects.toThrow(DocumentoNonTrovato);
    expect(await db.document.count({ where: { idempotencyKey: attempt.idempotencyKey } })).toBe(0);
    expect(await filesUnder(rootDir)).toEqual([]);
  });

  it('when the file on disk is altered, then reading fails with DocumentoCorrotto naming the id and returns no bytes', async () => {
    const store = createFileDocumentStore(db, { rootDir });
    const stored = await store.store(input({ content: Buffer.from('Importo concesso: 1.000,00 euro') }));
    const file = layoutPath(rootDir, stored.sha256);
    await chmod(file, 0o640); // blobs are read-only; the attacker is not
    await writeFile(file, 'Importo concesso: 9.000,00 euro'); // same length, other bytes

    const failure = await store.read(stored.id).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DocumentoCorrotto);
    expect((failure as DocumentoCorrotto).message).toContain(stored.id);
    expect((failure as DocumentoCorrotto).type).toBe('DocumentoCorrotto');
    expect((failure as DocumentoCorrotto).nonRetryable).toBe(true);

    await writeFile(file, 'troncato');
    await expect(store.read(stored.id)).rejects.toThrow(DocumentoCorrotto);
    await rm(file);
    await expect(store.read(stored.id)).rejects.toThrow(/assente/);
  });

  it('when identical content is stored over a damaged copy, then the file is rewritten and both documents read again', async () => {
    const store = createFileDocumentStore(db, { rootDir });
    const content = Buffer.from(`Originale ${randomUUID()}`);
    const first = await store.store(input({ content }));
    const file = layoutPath(rootDir, first.sha256);
    await chmod(file, 0o640);
    await writeFile(file, 'danneggiato');
    await store.store(input({ content }));
    expect((await store.read(first.id)).content.equals(content)).toBe(true);
  });

  it('when documents are written, then no temporary file is left beside them', async () => {
    const store = createFileDocumentStore(db, { rootDir });
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.store(input({ content: Buffer.from(`documento ${i % 3}`) }))));
    const files = await filesUnder(rootDir);
    expect(files).toHaveLength(3);
    expect(files.every((file) => /^[0-9a-f]{2}\/[0-9a-f]{2}\/[0-9a-f]{64}$/.test(file))).toBe(true);
  });

  it('when writing the file fails, then no row is made and no temporary file is left', async () => {
    const store = createFileDocumentStore(db, { rootDir });
    const content = Buffer.from(`Non scrivibile ${randomUUID()}`);
    // A non-empty folder where the file must go: the rename fails after the temporary file is written.
    const target = layoutPath(rootDir, sha256(content));
    await mkdir(path.join(target, 'occupato'), { recursive: true });
    const attempt = input({ content });

    await expect(store.store(attempt)).rejects.toMatchObject({ code: 'EISDIR' });
    expect(await db.document.count({ where: { idempotencyKey: attempt.idempotencyKey } })).toBe(0);
    expect(await readdir(path.dirname(target))).toEqual([path.basename(target)]);
  });

  it('when a file exceeds the size limit, then the store refuses with an Italian message and writes nothing', async () => {
    const store = createFileDocumentStore(db, { rootDir, maxBytes: 1024 * 1024 });
    const attempt = input({ filename: 'planimetria.pdf', content: Buffer.alloc(1024 * 1024 + 512 * 1024, 1) });
    const failure = await store.store(attempt).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(DocumentoTroppoGrande);
    expect((failure as Error).message).toBe('Il file «planimetria.pdf» è di 1,5 MB: supera la dimensione massima consentita di 1 MB.');
    expect(await db.document.count({ where: { idempotencyKey: attempt.idempotencyKey } })).toBe(0);
    expect(await filesUnder(rootDir)).toEqual([]);
    // The limit itself is accepted.
    await expect(store.store(input({ content: Buffer.alloc(1024 * 1024, 2) }))).resolves.toMatchObject({ size: 1024 * 1024 });
  });

  it('when no limit is configured, then it is 100 MB, the flusso\'s documented limit', async () => {
    const store = createFileDocumentStore(db, { rootDir });
    await expect(store.store(input({ content: Buffer.alloc(100 * 1024 * 1024 + 1) }))).rejects.toThrow('supera la dimensione massima consentita di 100 MB');
  });

  it('when a document is discarded, then its row and its file go; an unknown id is a no-op', async () => {
    const store = createFileDocumentStore(db, { rootDir });
    const stored = await store.store(input());
    await store.discard(stored.id);
    expect(await store.find(stored.id)).toBeNull();
    expect(await filesUnder(rootDir)).toEqual([]);
    await expect(store.discard(stored.id)).resolves.toBeUndefined();
  });

  it('when a discarded document shares its content with another, then the file stays and the other still reads', async () => {
    const store = createFileDocumentStore(db, { rootDir });
    const content = Buffer.from(`Condiviso ${randomUUID()}`);
    const [kept, discarded] = [await store.store(input({ content })), await store.store(input({ content }))];
    await store.discard(discarded.id);
    expect((await store.read(kept.id)).content.equals(content)).toBe(true);
  });

  it('when discards race with stores of the same content, then every document left reads intact', async () => {
    const store = createFileDocumentStore(db, { rootDir });
    const content = Buffer.from(`Conteso ${randomUUID()}`);
    for (let round = 0; round < 10; round++) {
      const doomed = await store.store(input({ content }));
      const [, kept] = await Promise.all([store.discard(doomed.id), store.store(input({ content }))]);
      expect((await store.read(kept.id)).content.equals(content)).toBe(true);
      await store.discard(kept.id);
    }
    expect(await filesUnder(rootDir)).toEqual([]);
  });

  it('when a store is asked its limit, then it is the one configured', () => {
    expect(createFileDocumentStore(db, { rootDir, maxBytes: 1234 }).maxBytes).toBe(1234);
    expect(createFileDocumentStore(db, { rootDir }).maxBytes).toBe(100 * 1024 * 1024);
  });

  it('when an unknown id is read, then DocumentoNonTrovato names it', async () => {
    const store = createFileDocumentStore(db, { rootDir });
    const id = randomUUID();
    await expect(store.read(id)).rejects.toThrow(`Documento ${id} non trovato.`);
  });
});
