import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
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
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/**
 * Stores the communication, its attachments, its audit row and its procedure to start in one
 * transaction, then starts the workflow (see ../outbox/procedure-outbox): a crash at any point leaves
 * either nothing or a communication whose procedure runs, and a retry with the same idempotency key
 * answers with the first communication.
 */
export async function sendCommunication(db: Db, runtime: ProcedureRuntime, input: SendCommunicationInput) {
  const request = { requestedById: input.senderId, workflowType: INVIO_GENERICO_WORKFLOW, idempotencyKey: input.idempotencyKey };
  return submitProcedure<{ id: string; workflowId: string }>({ db, ...runtime }, request, async (tx) => {
    const id = requestIdFor(request);
    const workflowId = invioGenericoWorkflowId(id);
    const communication = await tx.communication.create({
      data: {
        id,
        workflowId,
        enteId: input.enteId,
        senderId: input.senderId,
        oggetto: input.oggetto,
        testo: input.testo,
        attachments: {
          create: input.allegati.map((file) => ({
            filename: file.filename,
            mimeType: file.mimeType,
            size: file.content.length,
            sha256: sha256(file.content),
            content: new Uint8Array(file.content),
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
  });
}
