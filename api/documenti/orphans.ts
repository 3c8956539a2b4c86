// Files a request stores before the row that names them: a process that dies in between, on a request nobody
// sends again, leaves files nothing names and nobody can read. The platform's start takes back those older
// than an hour (a request still in flight is younger), kind by kind: a comment's attachments; a Comune's list
// of tenants no application names (a crash, or a list replaced by a newer one: personal data is not kept
// beyond its use).
import type { DocumentStore } from '../../activities/documents/document-store';
import type { Db } from '../../prisma/client';
import { Prisma } from '../../prisma/generated/client';
import { COMMENT_DOCUMENT_TIPO } from '../tasks/comments';

const ORPHAN_AFTER_MS = 60 * 60 * 1000;

/** For each kind of file filed ahead of its row: what names it (`d` is the document). */
const NAMED_BY: Readonly<Record<string, Prisma.Sql>> = {
  [COMMENT_DOCUMENT_TIPO]: Prisma.sql`EXISTS (SELECT 1 FROM "TaskComment" c WHERE d."id" = ANY (c."documentIds"))`,
  BENEFICIARI_FONDO: Prisma.sql`EXISTS (SELECT 1 FROM "DomandaFondo" f WHERE f."beneficiariDocumentId" = d."id")`,
};

/** Takes back (DocumentStore.discard) the files of those kinds an hour old that nothing names; returns how many by kind. */
export async function discardOrphanFiles(db: Db, documents: Pick<DocumentStore, 'discard'>, now = new Date()): Promise<Record<string, number>> {
  const before = new Date(now.getTime() - ORPHAN_AFTER_MS);
  const discarded: Record<string, number> = {};
  for (const [tipo, namedBy] of Object.entries(NAMED_BY)) {
    const orphans = await db.$queryRaw<{ id: string }[]>`
      SELECT d."id" FROM "Document" d WHERE d."tipo" = ${tipo} AND d."createdAt" < ${before} AND NOT ${namedBy}`;
    for (const orphan of orphans) await documents.discard(orphan.id);
    if (orphans.length > 0) discarded[tipo] = orphans.length;
  }
  return discarded;
}
