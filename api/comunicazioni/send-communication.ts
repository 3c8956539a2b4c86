import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import { ATTACHMENT_DOCUMENT_TIPO } from '../../activities/documents/move-attachments';
import type { DocumentStore, StoredDocument } from '../../activities/documents/document-store';
import type { Db } from '../../prisma/client';
import { requestIdFor, submitProcedure } from '../outbox/procedure-outbox';
import { INVIO_GENERICO, INVIO_GENERICO_WORKFLOW, invioGenericoWorkflowId, type InvioGenericoInput } from '../../workflows/shared/invio-generico';

export interface UploadedFile {
  filename: string;
  mimeType: string;
  content: Buffer;
}

export interface SendCommunicationInput {
  enteId: string;
  senderId: string;
  oggetto: string;
  testo: string;
  allegati: UploadedFile[];
  /** The client's Idempotency-Key: a retry with the same one answers with the first communication. */
  idempotencyKey?: string | null;
}

export interface ProcedureRuntime {
  temporal: Client;
  taskQueue: string;
  regioneEnteId: string;
  /** Where the attachments go: the document store, like every other document of a procedure. */
  documents: Pick<DocumentStore, 'store' | 'discard'>;
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/**
 * Files the attachments in the document store, then stores the communication, its attachments' rows, its
 * audit row and its procedure to start in one transaction, and starts the workflow (see
 * ../outbox/procedure-outbox): a crash at any point leaves either nothing or a communication whose
 * procedure runs, and a retry with the same idempotency key answers with the first communication. The
 * documents' keys follow the communication's id and content, so a retry files nothing twice; a
 * transaction that fails takes back what it filed.
 */
export async function sendCommunication(db: Db, runtime: ProcedureRuntime, input: SendCommunicationInput) {
  const request = { requestedById: input.senderId, workflowType: INVIO_GENERICO_WORKFLOW, idempotencyKey: input.idempotencyKey };
  const id = requestIdFor(request);
  const workflowId = invioGenericoWorkflowId(id);
  const filed: StoredDocument[] = [];
  const file = async () => {
    for (const [index, allegato] of input.allegati.entries()) {
      filed.push(await runtime.documents.store({
        idempotencyKey: `${workflowId}/allegato/${index}/${sha256(allegato.content)}`,
        content: allegato.content,
        filename: allegato.filename,
        mimeType: allegato.mimeType,
        titolo: `Allegato – ${input.oggetto}`,
        tipo: ATTACHMENT_DOCUMENT_TIPO,
        workflowId,
        enteId: input.enteId,
        createdById: input.senderId,
      }));
    }
  };
  return submitProcedure<{ id: string; workflowId: string }>({ db, ...runtime }, request, async (tx) => {
    await file();
    const communication = await tx.communication.create({
      data: {
        id,
        workflowId,
        enteId: input.enteId,
        senderId: input.senderId,
        oggetto: input.oggetto,
        testo: input.testo,
        attachments: {
          create: filed.map((document) => ({
            filename: document.filename,
            mimeType: document.mimeType,
            size: document.size,
            sha256: document.sha256,
            documentId: document.id,
          })),
        },
      },
      include: { ente: true, attachments: { select: { filename: true, sha256: true } } },
    });
    await tx.auditEvent.create({
      data: { actorId: input.senderId, enteId: input.enteId, azione: 'COMUNICAZIONE_INVIATA', oggetto: `comunicazione:${id}`, details: { workflowId } },
    });
    const workflowInput: InvioGenericoInput = {
      communicationId: id,
      enteId: input.enteId,
      enteDenominazione: communication.ente.denominazione,
      oggetto: input.oggetto,
      testo: input.testo,
      regioneEnteId: runtime.regioneEnteId,
      documenti: {
        primario: { nome: 'comunicazione.txt', sha256: sha256(Buffer.from(input.testo, 'utf8')) },
        allegati: communication.attachments.map((file) => ({ nome: file.filename, sha256: file.sha256 })),
      },
    };
    return { procedure: { procedura: INVIO_GENERICO, workflowId, enteId: input.enteId, input: workflowInput }, response: { id, workflowId } };
  }).catch(async (error: unknown) => {
    // Nothing committed: the documents filed for it belong to no communication — unless a concurrent
    // attempt with the same key committed them, which keeps them.
    for (const document of filed) {
      if ((await db.attachment.count({ where: { documentId: document.id } })) === 0) await runtime.documents.discard(document.id).catch(() => undefined);
    }
    throw error;
  });
}
