import type { Db } from '../../prisma/client';
import type { DocumentStore } from '../documents/document-store';
import type { PdfRenderer } from '../pdf/pdf-renderer';
import type { Signer } from '../signature/signer';

export interface ProduceActInput {
  /** One act per key: a retried activity finds the filed act and renders and signs nothing again. */
  idempotencyKey: string;
  template: string;
  data: Record<string, unknown>;
  titolo: string;
  tipo: string;
  workflowId: string;
  enteId: string;
  /** The dirigente who signs it (PAdES); unsigned when absent. */
  signerUserId?: string;
}

/** What a protocol registration needs of a filed act: where it is, its name and its Impronta. */
export interface ProducedAct {
  documentId: string;
  nome: string;
  sha256: string;
}

const filenameOf = (titolo: string, signed: boolean) =>
  `${titolo.normalize('NFD').replace(/[^\w\s-]/g, '').trim().replace(/\s+/g, '-').toLowerCase().slice(0, 80)}${signed ? '-firmato' : ''}.pdf`;

/**
 * Renders an act from its template, signs it when a signer is given, and files it. The bytes never
 * travel through the workflow's history: only the document's id and hash do.
 */
export function createActActivities(deps: { db: Db; documents: DocumentStore; pdf: PdfRenderer; signer: Signer }) {
  return {
    async produceAct(input: ProduceActInput): Promise<ProducedAct> {
      const existing = await deps.db.document.findUnique({ where: { idempotencyKey: input.idempotencyKey } });
      if (existing) return { documentId: existing.id, nome: existing.filename, sha256: existing.sha256 };
      const rendered = await deps.pdf.render(input.template, input.data);
      const content = input.signerUserId
        ? await deps.signer.signPdf({ pdf: rendered, signerUserId: input.signerUserId, reason: input.titolo, idempotencyKey: input.idempotencyKey })
        : rendered;
      const stored = await deps.documents.store({
        idempotencyKey: input.idempotencyKey,
        content,
        filename: filenameOf(input.titolo, Boolean(input.signerUserId)),
        mimeType: 'application/pdf',
        titolo: input.titolo,
        tipo: input.tipo,
        workflowId: input.workflowId,
        enteId: input.enteId,
        createdById: input.signerUserId,
      });
      return { documentId: stored.id, nome: stored.filename, sha256: stored.sha256 };
    },
  };
}
