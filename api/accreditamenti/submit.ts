import { createHash } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Db } from '../../prisma/client';
import type { Ente, Prisma } from '../../prisma/generated/client';
import { ACCREDITAMENTO, ACCREDITAMENTO_WORKFLOW, accreditamentoWorkflowId, type AccreditamentoInput } from '../../workflows/shared/accreditamento';
import { AppError } from '../errors';
import { requestIdFor, submitProcedure } from '../outbox/procedure-outbox';
import { normalizeName, type AccreditamentoRequest } from './request';

const PENDING = ['INVIATA', 'PROTOCOLLATA', 'INTEGRAZIONE_RICHIESTA', 'IN_FIRMA'] as const;
const GIORNI_ISTRUTTORIA = 30;

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

const invalid = (field: string, message: string) => new AppError('DATI_NON_VALIDI', 422, `${field}: ${message}`, field);

/** The ente the request is for: a Comune of the reference data, or another body by codice fiscale. */
async function resolveEnte(tx: Prisma.TransactionClient, request: AccreditamentoRequest): Promise<{ ente: Ente }> {
  if (request.tipo === 'COMUNE') {
    const comune = await tx.ente.findUnique({ where: { codice: request.istatComune! } });
    if (!comune || comune.tipo !== 'COMUNE') throw invalid('istatComune', `nessun Comune della Puglia ha il codice ISTAT ${request.istatComune}`);
    const nome = normalizeName(comune.denominazione.replace(/^Comune di /, ''));
    if (!normalizeName(request.denominazione).includes(nome)) {
      throw invalid('denominazione', `il codice ISTAT ${request.istatComune} è del ${comune.denominazione}: correggi la denominazione o il codice`);
    }
    if (comune.siglaProvincia !== request.provincia) {
      throw invalid('provincia', `il ${comune.denominazione} è in provincia di ${comune.provincia} (${comune.siglaProvincia})`);
    }
    return { ente: comune };
  }
  const known = await tx.ente.findFirst({ where: { codiceFiscale: request.codiceFiscale } });
  if (known) return { ente: known };
  const ente = await tx.ente.create({
    data: { codice: `CF-${request.codiceFiscale}`, tipo: request.tipo, denominazione: request.denominazione, codiceFiscale: request.codiceFiscale, stato: 'NON_ACCREDITATO' },
  });
  return { ente };
}

/**
 * Files the act of appointment, then records the request and its procedure to start in one transaction
 * and starts it (see ../outbox/procedure-outbox): a crash leaves either no request or a request whose
 * procedure runs, and a retry with the same idempotency key answers with the first request. An ente
 * already active, or with a request pending, is refused.
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
    // One request at a time per codice fiscale: concurrent submissions queue here.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`accreditamento:${request.codiceFiscale}`}))`;
    const { ente } = await resolveEnte(tx, request);
    if (ente.stato === 'ATTIVO') throw new AppError('ENTE_GIA_ACCREDITATO', 409, `${ente.denominazione} è già accreditato sulla piattaforma.`, 'codiceFiscale');
    const pending = await tx.accreditationRequest.findFirst({
      where: { stato: { in: [...PENDING] }, OR: [{ codiceFiscale: request.codiceFiscale }, { enteId: ente.id }] },
    });
    if (pending) throw new AppError('RICHIESTA_IN_CORSO', 409, `Per ${ente.denominazione} c’è già una richiesta di accreditamento in corso.`, 'codiceFiscale');
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
      giorniIstruttoria: GIORNI_ISTRUTTORIA,
      durataGiornoMs: options.durataGiornoMs,
    };
    return { procedure: { procedura: ACCREDITAMENTO, workflowId, enteId: ente.id, input }, response: { id, workflowId } };
  });
}
