import type { Db } from '../../prisma/client';
import type { DocumentStore } from '../documents/document-store';
import type { PecService } from '../pec/pec';
import type { Message } from '../../workflows/shared/messages';
import { createMessageRenderer } from './messages';

/** The text of a PEC: a message template with its values, or (a communication's, or one scheduled before the templates) subject and text as given. */
export type PecText = { messaggio: Message } | { oggetto: string; testo: string };

/** Sending a PEC with filed documents attached, and reading its state back. */
export function createPecActivities(deps: { db: Db; pec: PecService; documents: DocumentStore }) {
  const messages = createMessageRenderer();
  return {
    async sendPec(input: PecText & { idempotencyKey: string; to: string; documentIds: string[]; workflowId: string; enteId: string }): Promise<{ pecId: string }> {
      const { oggetto, testo } = 'messaggio' in input ? messages.render(input.messaggio) : input;
      const attachments = await Promise.all(
        input.documentIds.map(async (id) => {
          const { document, content } = await deps.documents.read(id);
          return { filename: document.filename, content, contentType: document.mimeType };
        }),
      );
      const sent = await deps.pec.send({
        idempotencyKey: input.idempotencyKey,
        to: input.to,
        subject: oggetto,
        text: testo,
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
