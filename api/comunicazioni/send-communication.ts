import { createHash, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Db } from '../../prisma/client';
import { startProcedure } from '../start-procedure';
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
}

export interface ProcedureRuntime {
  temporal: Client;
  taskQueue: string;
  regioneEnteId: string;
}

const GIORNI_PRESA_IN_CARICO = 30;

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/**
 * Stores the communication and its attachments in one transaction, then starts its workflow. If the
 * workflow cannot start, the stored rows are removed again: nothing stays half-way.
 */
export async function sendCommunication(db: Db, runtime: ProcedureRuntime, input: SendCommunicationInput) {
  const id = randomUUID();
  const workflowId = invioGenericoWorkflowId(id);
  const communication = await db.$transaction(async (tx) => {
    const created = await tx.communication.create({
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
    return created;
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
    giorniPresaInCarico: GIORNI_PRESA_IN_CARICO,
  };
  await startProcedure(
    runtime.temporal,
    { workflowType: INVIO_GENERICO_WORKFLOW, procedura: INVIO_GENERICO, workflowId, taskQueue: runtime.taskQueue, enteId: input.enteId, input: workflowInput },
    () => db.$transaction([
      db.attachment.deleteMany({ where: { communicationId: id } }),
      db.auditEvent.deleteMany({ where: { oggetto: `comunicazione:${id}` } }),
      db.communication.delete({ where: { id } }),
    ]),
  );
  return { id, workflowId };
}
