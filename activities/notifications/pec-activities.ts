import type { Db } from '../../prisma/client';
import type { DocumentStore } from '../documents/document-store';
import type { PecService } from '../pec/pec';

/** Sending a PEC with filed documents attached, and reading its state back. */
export function createPecActivities(deps: { db: Db; pec: PecService; documents: DocumentStore }) {
  return {
    async sendPec(input: { idempotencyKey: string; to: string; oggetto: string; testo: string; documentIds: string[]; workflowId: string; enteId: string }): Promise<{ pecId: string }> {
      const attachments = await Promise.all(
        input.documentIds.map(async (id) => {
          const { document, content } = await deps.documents.read(id);
          return { filename: document.filename, content, contentType: document.mimeType };
        }),
      );
      const sent = await deps.pec.send({
        idempotencyKey: input.idempotencyKey,
        to: input.to,
        subject: input.oggetto,
        text: input.testo,
        attachments,
        workflowId: input.workflowId,
        enteId: input.enteId,
      });
      return { pecId: sent.id };
    },

    async pecStatus(input: { pecId: string }): Promise<{ stato: 'INVIATO' | 'ACCETTATO' | 'CONSEGNATO' | 'ERRORE'; errore: string | null }> {
      const row = await deps.db.pecMessage.findUniqueOrThrow({ where: { id: input.pecId }, select: { stato: true, errore: true } });
      return row;
    },
  };
}
