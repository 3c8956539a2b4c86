// Attachments sent before the document store took them are moved there at start: filed under their
// communication's procedure, checked against the hash recorded when sent, their bytes cleared; a second
// run (a restart) moves nothing.
import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createFileDocumentStore } from '../../../activities/documents/file-document-store';
import { moveAttachmentsIntoStore } from '../../../activities/documents/move-attachments';
import { createDb, type Db } from '../../../prisma/client';

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

describe('moving attachments into the document store', () => {
  let db: Db;
  let rootDir: string;
  beforeAll(async () => {
    db = createDb(process.env.DATABASE_URL!, 5);
    rootDir = await mkdtemp(path.join(os.tmpdir(), 'push-attachments-'));
  });
  afterAll(async () => {
    await db.$disconnect();
    await rm(rootDir, { recursive: true, force: true });
  });

  it('files each legacy attachment under its procedure, with the same bytes, once', async () => {
    const documents = createFileDocumentStore(db, { rootDir });
    const ente = await db.ente.create({ data: { codice: `T-${randomUUID()}`, tipo: 'ALTRO', denominazione: 'Ente di prova', stato: 'ATTIVO' } });
    const workflowId = `invio-generico-${randomUUID()}`;
    const contents = [Buffer.from('prima nota'), Buffer.from('%PDF-1.4 seconda nota')];
    const communication = await db.communication.create({
      data: {
        workflowId, enteId: ente.id, senderId: randomUUID(), oggetto: 'Comunicazione di prova', testo: 'Testo',
        attachments: {
          create: contents.map((content, index) => ({
            filename: `nota-${index}.txt`, mimeType: 'text/plain', size: content.length, sha256: sha256(content), content: new Uint8Array(content),
          })),
        },
      },
      include: { attachments: { orderBy: { filename: 'asc' } } },
    });

    expect((await moveAttachmentsIntoStore(db, documents)).moved).toBeGreaterThanOrEqual(2);
    const moved = await db.attachment.findMany({ where: { communicationId: communication.id }, orderBy: { filename: 'asc' } });
    expect(moved.map((row) => [row.content, row.documentId !== null])).toEqual([[null, true], [null, true]]);
    for (const [index, row] of moved.entries()) {
      const stored = await documents.read(row.documentId!);
      expect(stored.content.equals(contents[index]!)).toBe(true);
      expect([stored.document.workflowId, stored.document.enteId, stored.document.tipo]).toEqual([workflowId, ente.id, 'ALLEGATO_COMUNICAZIONE']);
    }
    expect((await moveAttachmentsIntoStore(db, documents)).moved).toBe(0);
  });

  it('leaves where it is, and reports, an attachment whose bytes do not match the hash recorded when it was sent', async () => {
    const documents = createFileDocumentStore(db, { rootDir });
    const ente = await db.ente.create({ data: { codice: `T-${randomUUID()}`, tipo: 'ALTRO', denominazione: 'Ente di prova', stato: 'ATTIVO' } });
    const content = Buffer.from('alterato');
    const communication = await db.communication.create({
      data: {
        workflowId: `invio-generico-${randomUUID()}`, enteId: ente.id, senderId: randomUUID(), oggetto: 'Alterata', testo: 'Testo',
        attachments: { create: [{ filename: 'x.txt', mimeType: 'text/plain', size: content.length, sha256: sha256(Buffer.from('originale')), content: new Uint8Array(content) }] },
      },
    });
    const [row] = await db.attachment.findMany({ where: { communicationId: communication.id } });
    const outcome = await moveAttachmentsIntoStore(db, documents);
    expect(outcome.altered).toContain(row!.id);
    expect(await db.attachment.findUniqueOrThrow({ where: { id: row!.id } })).toMatchObject({ documentId: null, size: content.length });
    await db.attachment.deleteMany({ where: { communicationId: communication.id } });
  });
});
