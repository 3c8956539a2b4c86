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
  /** The draft the signer read and confirmed (prepareAct): its very bytes are signed, nothing is rendered. */
  draftDocumentId?: string;
}

/** A draft to read before signing: filed under its procedure, so those who may sign it can open it. */
export type PrepareActInput = Omit<ProduceActInput, 'signerUserId' | 'draftDocumentId'>;

/** What a draft to be signed is filed as: the procedure's pages for the ente never list it. */
export const BOZZA_DA_FIRMARE = 'BOZZA_DA_FIRMARE';

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
 *
 * A signed act is rendered once: Chromium stamps every rendering with its own date and identifier, so a
 * retry after a crash between signing and filing would hand the signer other bytes under the same key,
 * which the signer rightly refuses. The rendering is therefore filed first, as a draft outside any
 * procedure, signed from what was filed, and taken back once the signed act is filed.
 *
 * A procedure whose signer must read the act first prepares it (prepareAct): the draft is filed under the
 * procedure, shown to the signer, and its very bytes are signed; it stays filed as what was read.
 */
export function createActActivities(deps: { db: Db; documents: DocumentStore; pdf: PdfRenderer; signer: Signer }) {
  const filedAs = async (idempotencyKey: string) => deps.db.document.findUnique({ where: { idempotencyKey } });

  async function renderedOnce(input: ProduceActInput): Promise<{ content: Buffer; draftId: string }> {
    const idempotencyKey = `${input.idempotencyKey}/da-firmare`;
    const kept = await filedAs(idempotencyKey);
    if (kept) return { content: (await deps.documents.read(kept.id)).content, draftId: kept.id };
    const draft = await deps.documents.store({
      idempotencyKey,
      content: await deps.pdf.render(input.template, input.data),
      filename: filenameOf(input.titolo, false),
      mimeType: 'application/pdf',
      titolo: `${input.titolo} (da firmare)`,
      tipo: BOZZA_DA_FIRMARE,
    });
    // A concurrent attempt may have filed its rendering first: the store returns that one, so read it back.
    return { content: (await deps.documents.read(draft.id)).content, draftId: draft.id };
  }

  /** The bytes to sign: the draft the signer confirmed, or one rendered for this act alone. */
  async function toSign(input: ProduceActInput): Promise<{ content: Buffer; draftId?: string }> {
    if (input.draftDocumentId) return { content: (await deps.documents.read(input.draftDocumentId)).content };
    return renderedOnce(input);
  }

  return {
    async prepareAct(input: PrepareActInput): Promise<ProducedAct> {
      const kept = await filedAs(input.idempotencyKey);
      if (kept) return { documentId: kept.id, nome: kept.filename, sha256: kept.sha256 };
      // A concurrent attempt may have filed its rendering first: the store answers with that one.
      const draft = await deps.documents.store({
        idempotencyKey: input.idempotencyKey,
        content: await deps.pdf.render(input.template, input.data),
        filename: filenameOf(`${input.titolo} da firmare`, false),
        mimeType: 'application/pdf',
        titolo: `${input.titolo} (da firmare)`,
        tipo: BOZZA_DA_FIRMARE,
        workflowId: input.workflowId,
        enteId: input.enteId,
      });
      return { documentId: draft.id, nome: draft.filename, sha256: draft.sha256 };
    },

    async produceAct(input: ProduceActInput): Promise<ProducedAct> {
      const existing = await filedAs(input.idempotencyKey);
      if (existing) return { documentId: existing.id, nome: existing.filename, sha256: existing.sha256 };
      const signerUserId = input.signerUserId;
      const draft = signerUserId ? await toSign(input) : null;
      const content = draft && signerUserId
        ? await deps.signer.signPdf({ pdf: draft.content, signerUserId, reason: input.titolo, idempotencyKey: input.idempotencyKey })
        : await deps.pdf.render(input.template, input.data);
      const stored = await deps.documents.store({
        idempotencyKey: input.idempotencyKey,
        content,
        filename: filenameOf(input.titolo, Boolean(signerUserId)),
        mimeType: 'application/pdf',
        titolo: input.titolo,
        tipo: input.tipo,
        workflowId: input.workflowId,
        enteId: input.enteId,
        createdById: signerUserId,
      });
      if (draft?.draftId) await deps.documents.discard(draft.draftId);
      return { documentId: stored.id, nome: stored.filename, sha256: stored.sha256 };
    },
  };
}
