import path from 'node:path';
import type { Db } from '../../prisma/client';
import type { Document } from '../../prisma/generated/client';
import { blobExists, readBlob, removeBlob, sha256Of, writeBlob } from './blob-files';
import { DEFAULT_MAX_DOCUMENT_BYTES, type DocumentStore, type StoredDocument, type StoreInput } from './document-store';
import { DocumentoCorrotto, DocumentoNonTrovato, DocumentoTroppoGrande } from './errors';

export interface FileDocumentStoreSettings {
  /** Folder of the content-addressed files (<rootDir>/ab/cd/<sha256>); made on first write. */
  rootDir: string;
  /** Largest document accepted, in bytes; default 100 MB. */
  maxBytes?: number;
}

function toStoredDocument(row: Document): StoredDocument {
  return {
    id: row.id,
    idempotencyKey: row.idempotencyKey,
    sha256: row.sha256,
    size: row.size,
    filename: row.filename,
    mimeType: row.mimeType,
    titolo: row.titolo,
    tipo: row.tipo,
    workflowId: row.workflowId,
    enteId: row.enteId,
    protocolloId: row.protocolloId,
    version: row.version,
    previousVersionId: row.previousVersionId,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
  };
}

type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

/**
 * Serialises, per content, a discard's "no row left, so remove the file" against a store's "row added,
 * file there": without it a discard could remove the file a concurrent store of the same bytes relies on.
 */
const lockContent = (tx: Tx, sha256: string) => tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`document:${sha256}`}))`;

/** A transaction that may write a whole document again (rarely: see store) needs longer than Prisma's 5 s. */
const WRITING_TRANSACTION = { timeout: 60_000 };

/**
 * The document store on a local (or mounted) folder, metadata in the `Document` table. The file is
 * written before the row, so a failed write leaves no row; a row whose insert fails leaves at most an
 * unreferenced file, harmless in a content-addressed store (the next identical content reuses it).
 * A discarded document takes its file with it when it was the last one with that content.
 *
 * Settings: `rootDir`, `maxBytes` (default 100 MB).
 */
export function createFileDocumentStore(db: Db, settings: FileDocumentStoreSettings): DocumentStore {
  const rootDir = path.resolve(settings.rootDir);
  const maxBytes = settings.maxBytes ?? DEFAULT_MAX_DOCUMENT_BYTES;

  const byKey = async (idempotencyKey: string) => {
    const row = await db.document.findUnique({ where: { idempotencyKey } });
    return row ? toStoredDocument(row) : undefined;
  };

  async function nextVersion(previousVersionId: string | undefined): Promise<number> {
    if (!previousVersionId) return 1;
    const previous = await db.document.findUnique({ where: { id: previousVersionId }, select: { version: true } });
    if (!previous) throw new DocumentoNonTrovato(previousVersionId);
    return previous.version + 1;
  }

  return {
    maxBytes,

    async store(input: StoreInput): Promise<StoredDocument> {
      // A retry returns the first document even if its bytes differ (a re-rendered PDF carries a new
      // creation date): the step already produced its document.
      const already = await byKey(input.idempotencyKey);
      if (already) return already;
      if (input.content.length > maxBytes) throw new DocumentoTroppoGrande(input.filename, input.content.length, maxBytes);
      const version = await nextVersion(input.previousVersionId);
      const sha256 = sha256Of(input.content);
      await writeBlob(rootDir, sha256, input.content);
      try {
        const row = await db.$transaction(async (tx) => {
          await lockContent(tx, sha256);
          const created = await tx.document.create({
            data: {
              idempotencyKey: input.idempotencyKey,
              sha256,
              size: input.content.length,
              filename: input.filename,
              mimeType: input.mimeType,
              titolo: input.titolo,
              tipo: input.tipo,
              workflowId: input.workflowId ?? null,
              enteId: input.enteId ?? null,
              protocolloId: input.protocolloId ?? null,
              version,
              previousVersionId: input.previousVersionId ?? null,
              createdById: input.createdById ?? null,
            },
          });
          // A discard of the same content may have removed the file between writeBlob and the lock.
          if (!(await blobExists(rootDir, sha256))) await writeBlob(rootDir, sha256, input.content);
          return created;
        }, WRITING_TRANSACTION);
        return toStoredDocument(row);
      } catch (error) {
        // A concurrent store with the same key won the race: its document is ours.
        const raced = await byKey(input.idempotencyKey);
        if (raced) return raced;
        throw error;
      }
    },

    async discard(id: string) {
      const row = await db.document.findUnique({ where: { id }, select: { sha256: true } });
      if (!row) return;
      await db.$transaction(async (tx) => {
        await lockContent(tx, row.sha256);
        await tx.document.deleteMany({ where: { id } });
        if ((await tx.document.count({ where: { sha256: row.sha256 } })) === 0) await removeBlob(rootDir, row.sha256);
      });
    },

    async read(id: string) {
      const row = await db.document.findUnique({ where: { id } });
      if (!row) throw new DocumentoNonTrovato(id);
      const content = await readBlob(rootDir, row.sha256);
      if (!content) throw new DocumentoCorrotto(id, 'file assente dall’archivio');
      if (content.length !== row.size) throw new DocumentoCorrotto(id, `${content.length} byte invece di ${row.size}`);
      if (sha256Of(content) !== row.sha256) throw new DocumentoCorrotto(id, 'impronta diversa');
      return { document: toStoredDocument(row), content };
    },

    async find(id: string) {
      const row = await db.document.findUnique({ where: { id } });
      return row ? toStoredDocument(row) : null;
    },

    async listByWorkflow(workflowId: string) {
      const rows = await db.document.findMany({ where: { workflowId }, orderBy: [{ createdAt: 'asc' }, { version: 'asc' }, { id: 'asc' }] });
      return rows.map(toStoredDocument);
    },
  };
}
