import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Db } from '../../prisma/client';
import type { Ente, Prisma } from '../../prisma/generated/client';
import { ACCREDITAMENTO, ACCREDITAMENTO_WORKFLOW, accreditamentoWorkflowId, type AccreditamentoInput } from '../../workflows/shared/accreditamento';
import { AppError } from '../errors';
import { startProcedure } from '../start-procedure';
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

const invalid = (field: string, message: string) => new AppError('DATI_NON_VALIDI', 422, `${field}: ${message}`, field);

/** The ente the request is for: a Comune of the reference data, or another body by codice fiscale. */
async function resolveEnte(tx: Prisma.TransactionClient, request: AccreditamentoRequest): Promise<{ ente: Ente; isNew: boolean }> {
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
    return { ente: comune, isNew: false };
  }
  const known = await tx.ente.findFirst({ where: { codiceFiscale: request.codiceFiscale } });
  if (known) return { ente: known, isNew: false };
  const ente = await tx.ente.create({
    data: { codice: `CF-${request.codiceFiscale}`, tipo: request.tipo, denominazione: request.denominazione, codiceFiscale: request.codiceFiscale, stato: 'NON_ACCREDITATO' },
  });
  return { ente, isNew: true };
}

/**
 * Records the request, files the act of appointment, and starts the procedure. An ente already active,
 * or with a request pending, is refused. If the procedure cannot start, nothing stays stored.
 */
export async function submitAccreditamento(
  runtime: SubmitRuntime,
  requester: { userId: string; codiceFiscale: string; nome: string; cognome: string },
  request: AccreditamentoRequest,
  attoNomina: { filename: string; content: Buffer },
  options: { durataGiornoMs?: number } = {},
) {
  const id = randomUUID();
  const workflowId = accreditamentoWorkflowId(id);
  const { db } = runtime;
  const { created, ente, isNew } = await db.$transaction(async (tx) => {
    // One request at a time per codice fiscale: concurrent submissions queue here.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`accreditamento:${request.codiceFiscale}`}))`;
    const { ente, isNew } = await resolveEnte(tx, request);
    if (ente.stato === 'ATTIVO') throw new AppError('ENTE_GIA_ACCREDITATO', 409, `${ente.denominazione} è già accreditato sulla piattaforma.`, 'codiceFiscale');
    const pending = await tx.accreditationRequest.findFirst({
      where: { stato: { in: [...PENDING] }, OR: [{ codiceFiscale: request.codiceFiscale }, { enteId: ente.id }] },
    });
    if (pending) throw new AppError('RICHIESTA_IN_CORSO', 409, `Per ${ente.denominazione} c’è già una richiesta di accreditamento in corso.`, 'codiceFiscale');
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
        rappresentante: { nome: requester.nome, cognome: requester.cognome, codiceFiscale: requester.codiceFiscale, qualifica: request.qualifica },
      },
    });
    await tx.auditEvent.create({
      data: { actorId: requester.userId, enteId: ente.id, azione: 'ACCREDITAMENTO_INVIATA', oggetto: `accreditamento:${id}`, details: { workflowId } },
    });
    return { created, ente, isNew };
  });

  // If the procedure cannot start, the request (and an ente made for it) are removed again.
  const undo = () => db.$transaction([
    db.auditEvent.deleteMany({ where: { oggetto: `accreditamento:${id}` } }),
    db.accreditationRequest.delete({ where: { id } }),
    ...(isNew ? [db.ente.delete({ where: { id: ente.id } })] : []),
  ]);
  let atto: { id: string; sha256: string; filename: string };
  try {
    atto = await runtime.storeDocument({
      idempotencyKey: `${workflowId}/atto-nomina`,
      content: attoNomina.content,
      filename: attoNomina.filename,
      mimeType: 'application/pdf',
      titolo: `Atto di nomina del rappresentante legale – ${request.denominazione}`,
      tipo: 'ATTO_NOMINA',
      workflowId,
      enteId: ente.id,
      createdById: requester.userId,
    });
    await db.accreditationRequest.update({ where: { id }, data: { attoNominaDocumentId: atto.id } });
  } catch (error) {
    await undo();
    throw error;
  }
  const input: AccreditamentoInput = {
    requestId: id,
    richiedenteId: requester.userId,
    enteId: ente.id,
    denominazione: created.denominazione,
    codiceFiscale: created.codiceFiscale,
    pec: created.pec,
    sede: created.sede,
    rappresentante: { nome: requester.nome, cognome: requester.cognome, codiceFiscale: requester.codiceFiscale, qualifica: request.qualifica },
    attoNomina: { documentId: atto.id, nome: atto.filename, sha256: atto.sha256 },
    regioneEnteId: runtime.regioneEnteId,
    giorniIstruttoria: GIORNI_ISTRUTTORIA,
    durataGiornoMs: options.durataGiornoMs,
  };
  await startProcedure(
    runtime.temporal,
    { workflowType: ACCREDITAMENTO_WORKFLOW, procedura: ACCREDITAMENTO, workflowId, taskQueue: runtime.taskQueue, enteId: ente.id, input },
    undo,
  );
  return { id, workflowId };
}
