import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Db } from '../../prisma/client';
import { ACCREDITAMENTO, ACCREDITAMENTO_WORKFLOW, accreditamentoWorkflowId, type AccreditamentoInput } from '../../workflows/shared/accreditamento';
import { admitAccreditationRequest } from '../../activities/accreditation/admission';
import { requestIdFor, submitProcedure } from '../outbox/procedure-outbox';
import type { AccreditamentoRequest } from './request';

/** Stores a document (the document store) and says where it is and what its Impronta is. */
export type StoreDocument = (input: {
  idempotencyKey: string;
  content: Buffer;
  filename: string;
  mimeType: string;
  titolo: string;
  tipo: string;
  workflowId: string;
  enteId: string;
  createdById: string;
}) => Promise<{ id: string; sha256: string; filename: string }>;

export interface SubmitRuntime {
  db: Db;
  temporal: Client;
  taskQueue: string;
  regioneEnteId: string;
  storeDocument: StoreDocument;
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/**
 * Files the act of appointment, then records the request and its procedure to start in one transaction
 * and starts it (see ../outbox/procedure-outbox): a crash leaves either no request or a request whose
 * procedure runs, and a retry with the same idempotency key answers with the first request. The
 * procedure's own rules (../../activities/accreditation/admission) admit the request or refuse it.
 */
export async function submitAccreditamento(
  runtime: SubmitRuntime,
  requester: { userId: string; codiceFiscale: string; nome: string; cognome: string },
  request: AccreditamentoRequest,
  attoNomina: { filename: string; content: Buffer },
  options: { durataGiornoMs?: number; idempotencyKey?: string | null } = {},
) {
  const submission = { requestedById: requester.userId, workflowType: ACCREDITAMENTO_WORKFLOW, idempotencyKey: options.idempotencyKey };
  const id = requestIdFor(submission);
  const workflowId = accreditamentoWorkflowId(id);
  return submitProcedure<{ id: string; workflowId: string }>(runtime, submission, async (tx) => {
    const ente = await admitAccreditationRequest(tx, request);
    // Filed before the request's row commits: a document store is no part of this transaction. Its key
    // follows the request id (and the content), so a retried request files nothing twice.
    const atto = await runtime.storeDocument({
      idempotencyKey: `${workflowId}/atto-nomina/${sha256(attoNomina.content)}`,
      content: attoNomina.content,
      filename: attoNomina.filename,
      mimeType: 'application/pdf',
      titolo: `Atto di nomina del rappresentante legale – ${request.denominazione}`,
      tipo: 'ATTO_NOMINA',
      workflowId,
      enteId: ente.id,
      createdById: requester.userId,
    });
    const rappresentante = { nome: requester.nome, cognome: requester.cognome, codiceFiscale: requester.codiceFiscale, qualifica: request.qualifica };
    const created = await tx.accreditationRequest.create({
      data: {
        id,
        workflowId,
        richiedenteId: requester.userId,
        enteId: ente.id,
        denominazione: request.denominazione,
        tipo: request.tipo,
        codiceFiscale: request.codiceFiscale,
        istatComune: request.istatComune ?? null,
        pec: request.pec,
        sede: request.sede,
        rappresentante,
        attoNominaDocumentId: atto.id,
      },
    });
    await tx.auditEvent.create({
      data: { actorId: requester.userId, enteId: ente.id, azione: 'ACCREDITAMENTO_INVIATA', oggetto: `accreditamento:${id}`, details: { workflowId } },
    });
    const input: AccreditamentoInput = {
      requestId: id,
      richiedenteId: requester.userId,
      enteId: ente.id,
      denominazione: created.denominazione,
      codiceFiscale: created.codiceFiscale,
      pec: created.pec,
      sede: created.sede,
      rappresentante,
      attoNomina: { documentId: atto.id, nome: atto.filename, sha256: atto.sha256 },
      regioneEnteId: runtime.regioneEnteId,
      durataGiornoMs: options.durataGiornoMs,
    };
    return { procedure: { procedura: ACCREDITAMENTO, workflowId, enteId: ente.id, input }, response: { id, workflowId } };
  });
}
