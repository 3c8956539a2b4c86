// Communications' attachments used to be bytea rows; the document store holds them now. At start the
// platform moves the rows still holding bytes, a few at a time: each is filed with a key of its own (a
// crash halfway files nothing twice), checked against the hash recorded when it was sent, linked, and its
// bytes cleared in the same statement. One whose bytes no longer match that hash stays where it is, and is
// reported: the platform starts, and the administrator learns which.
import { createHash } from 'node:crypto';
import type { Db } from '../../prisma/client';
import type { DocumentStore } from './document-store';

const sha256 = (content: Uint8Array) => createHash('sha256').update(content).digest('hex');

export const ATTACHMENT_DOCUMENT_TIPO = 'ALLEGATO_COMUNICAZIONE';

export async function moveAttachmentsIntoStore(db: Db, documents: DocumentStore, batch = 20): Promise<{ moved: number; altered: string[] }> {
  let moved = 0;
  const altered: string[] = [];
  for (;;) {
    const rows = await db.attachment.findMany({
      where: { documentId: null, content: { not: null }, id: { notIn: altered } },
      include: { communication: { select: { workflowId: true, enteId: true, senderId: true, oggetto: true } } },
      orderBy: { id: 'asc' },
      take: batch,
    });
    if (rows.length === 0) return { moved, altered };
    for (const row of rows) {
      if (sha256(row.content!) !== row.sha256) {
        altered.push(row.id);
        continue;
      }
      const stored = await documents.store({
        idempotencyKey: `allegato/${row.id}`,
        content: Buffer.from(row.content!),
        filename: row.filename,
        mimeType: row.mimeType,
        titolo: `Allegato – ${row.communication.oggetto}`,
        tipo: ATTACHMENT_DOCUMENT_TIPO,
        workflowId: row.communication.workflowId,
        enteId: row.communication.enteId,
        createdById: row.communication.senderId,
      });
      await db.attachment.update({ where: { id: row.id }, data: { documentId: stored.id, content: null } });
      moved++;
    }
  }
}
