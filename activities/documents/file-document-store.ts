import path from 'node:path';
import type { Db } from '../../prisma/client';
import type { Document } from '../../prisma/generated/client';
import { readBlob, sha256Of, writeBlob } from './blob-files';
import { DEFAULT_MAX_DOCUMENT_BYTES, type DocumentStore, type StoredDocument, type StoreInput } from './document-store';
import { DocumentoCorrotto, DocumentoNonTrovato, DocumentoTroppoGrande } from './errors';

export interface FileDocumentStoreSettings {
  /** Folder of the content-addressed files (<rootDir>/ab/cd/<sha256>); made on first write. */
  rootDir: string;
  /** Largest document accepted, in bytes; default 50 MB. */
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

/**
 * The document store on a local (or mounted) folder, metadata in the `Document` table. The file is
 * written before the row, so a failed write leaves no row; a row whose insert fails leaves at most an
 * unreferenced file, harmless in a content-addressed store (the next identical content reuses it).
 *
 * Settings: `rootDir`, `maxBytes` (default 50 MB).
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
        const row = await db.document.create({
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
        return toStoredDocument(row);
      } catch (error) {
        // A concurrent store with the same key won the race: its document is ours.
        const raced = await byKey(input.idempotencyKey);
        if (raced) return raced;
        throw error;
      }
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
