// Requests that start a procedure (a communication, an accreditation request, a ricognizione) write their
// rows and a ProcedureStart row in ONE transaction, then start the workflow. A crash in between leaves the
// row unstarted and the reconciler starts it; a retry with the same Idempotency-Key finds the row and
// answers like the first request. So a request leaves either nothing or a running procedure — and one.
import { createHash, randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Db } from '../../prisma/client';
import type { Prisma, ProcedureStart } from '../../prisma/generated/client';
import { AppError } from '../errors';
import { startProcedureOnce, type ProcedureToStart } from '../start-procedure';

export interface OutboxRuntime {
  db: Db;
  temporal: Client;
  taskQueue: string;
}

/** Who asks for which kind of procedure, and the Idempotency-Key they sent (if any). */
export interface ProcedureRequest {
  requestedById: string;
  workflowType: string;
  idempotencyKey?: string | null;
}

/** What a request's transaction wrote: the procedure to start, and the answer to give (again, to a retry). */
export interface RecordedRequest<R> {
  procedure: Pick<ProcedureToStart, 'procedura' | 'workflowId' | 'enteId' | 'input'>;
  response: R;
}

/**
 * The id of the request's main row. With an Idempotency-Key it is derived from the user and the key, so
 * what a crashed attempt stored outside the transaction (a filed document) belongs to its retry too.
 */
export function requestIdFor(request: ProcedureRequest): string {
  if (!request.idempotencyKey) return randomUUID();
  const hex = createHash('sha256').update(`${request.workflowType}\n${request.requestedById}\n${request.idempotencyKey}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Starts the recorded procedure (a workflow already started is success) and marks the row started. */
export async function startRecorded(runtime: Pick<OutboxRuntime, 'db' | 'temporal'>, row: ProcedureStart): Promise<void> {
  await startProcedureOnce(runtime.temporal, {
    workflowType: row.workflowType,
    procedura: row.procedura,
    workflowId: row.workflowId,
    taskQueue: row.taskQueue,
    enteId: row.enteId,
    input: row.input,
  });
  await runtime.db.procedureStart.updateMany({ where: { id: row.id, startedAt: null }, data: { startedAt: new Date() } });
}

/** The first answer to this user's request with this key, its procedure started; null if there was none. */
async function answeredBefore<R>(runtime: OutboxRuntime, request: ProcedureRequest): Promise<R | null> {
  if (!request.idempotencyKey) return null;
  const row = await runtime.db.procedureStart.findUnique({
    where: { requestedById_idempotencyKey: { requestedById: request.requestedById, idempotencyKey: request.idempotencyKey } },
  });
  if (!row) return null;
  if (row.workflowType !== request.workflowType) {
    throw new AppError('CHIAVE_IDEMPOTENZA_RIUSATA', 409, 'Idempotency-Key: la chiave è già stata usata per un’altra richiesta; usane una nuova.', 'Idempotency-Key');
  }
  if (!row.startedAt) await startRecorded(runtime, row);
  return row.response as R;
}

/**
 * Records a request and starts its procedure. `write` stores the request's rows on `tx` (checks that
 * depend on the database belong there too) and says which procedure to start and what to answer.
 * If the start fails (Temporal unreachable, the process dies), the committed request is not lost: the
 * reconciler starts it.
 */
export async function submitProcedure<R>(
  runtime: OutboxRuntime,
  request: ProcedureRequest,
  write: (tx: Prisma.TransactionClient) => Promise<RecordedRequest<R>>,
): Promise<R> {
  const earlier = await answeredBefore<R>(runtime, request);
  if (earlier) return earlier;
  let row: ProcedureStart;
  try {
    row = await runtime.db.$transaction(async (tx) => {
      const { procedure, response } = await write(tx);
      return tx.procedureStart.create({
        data: {
          ...procedure,
          input: procedure.input as Prisma.InputJsonValue,
          workflowType: request.workflowType,
          taskQueue: runtime.taskQueue,
          requestedById: request.requestedById,
          idempotencyKey: request.idempotencyKey ?? null,
          response: response as Prisma.InputJsonValue,
        },
      });
    });
  } catch (error) {
    // The same request, sent twice at once: the one that committed first answers for both.
    const raced = await answeredBefore<R>(runtime, request);
    if (raced) return raced;
    throw error;
  }
  try {
    await startRecorded(runtime, row);
  } catch (error) {
    console.warn(`[outbox] ${row.workflowId} recorded, its start is left to the reconciler: ${error instanceof Error ? error.message : String(error)}`);
  }
  return row.response as R;
}
