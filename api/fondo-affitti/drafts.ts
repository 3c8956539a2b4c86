// A call's draft: created with its procedure (which waits for the draft to be sent to signature) in one
// transaction through the outbox, so a request leaves either nothing or a draft with its running procedure;
// edited while the procedure says it is a draft.
import type { Db } from '../../prisma/client';
import type { Prisma } from '../../prisma/generated/client';
import { TIPI_BANDO, type TipoBando } from '../../workflows/shared/fondo-affitti/bando';
import { BANDO_FONDO, bandoFondoWorkflowId, type BandoFondoInput, type ParametriBando } from '../../workflows/shared/fondo-affitti/procedura';
import { BANDO_FONDO_PROCEDURE } from '../../workflows/shared/procedures';
import { AppError } from '../errors';
import { requestIdFor, submitProcedure, type OutboxRuntime } from '../outbox/procedure-outbox';

export interface BandoToSave {
  tipo: TipoBando;
  anno: number;
  titolo: string;
  apertura: Date;
  scadenza: Date;
  fonti: { riferimento: string; importo: string; quota: 'ORDINARIA' | 'PREMIALE' }[];
  parametri: ParametriBando;
  sollecitiGiorni: number[];
}

const rowOf = (input: BandoToSave) => ({
  tipo: input.tipo,
  anno: input.anno,
  titolo: input.titolo,
  apertura: input.apertura,
  scadenza: input.scadenza,
  parametri: input.parametri as unknown as Prisma.InputJsonObject,
  sollecitiGiorni: input.sollecitiGiorni,
});

async function refuseSecondCall(tx: Prisma.TransactionClient, input: BandoToSave, except?: string) {
  const same = await tx.bandoFondo.findFirst({ where: { tipo: input.tipo, anno: input.anno, ...(except ? { id: { not: except } } : {}) }, select: { id: true } });
  if (same) throw new AppError('DATI_NON_VALIDI', 422, `anno: esiste già un bando «${TIPI_BANDO[input.tipo]}» per il ${input.anno}`, 'anno');
}

/** Creates the draft and starts its procedure; a retry with the same idempotency key answers with the first. */
export async function createBando(runtime: OutboxRuntime & { regioneEnteId: string }, actorId: string, input: BandoToSave, idempotencyKey: string | null) {
  const request = { requestedById: actorId, workflowType: BANDO_FONDO_PROCEDURE.workflowType, idempotencyKey };
  const { regioneEnteId } = runtime;
  return submitProcedure<{ id: string; workflowId: string }>(runtime, request, async (tx) => {
    await refuseSecondCall(tx, input);
    const id = requestIdFor(request);
    const workflowId = bandoFondoWorkflowId(id);
    await tx.bandoFondo.create({ data: { id, workflowId, ...rowOf(input), createdById: actorId, fonti: { createMany: { data: input.fonti } } } });
    await tx.auditEvent.create({ data: { actorId, enteId: regioneEnteId, azione: 'BANDO_CREATO', oggetto: `bando:${id}`, details: { workflowId, passo: 'creato' } } });
    const workflowInput: BandoFondoInput = { bandoId: id, regioneEnteId };
    return { procedure: { procedura: BANDO_FONDO, workflowId, enteId: regioneEnteId, input: workflowInput }, response: { id, workflowId } };
  });
}

/** Replaces the draft's figures and funding sources. */
export async function updateBando(db: Db, id: string, actorId: string, regioneEnteId: string, input: BandoToSave): Promise<void> {
  await db.$transaction(async (tx) => {
    await refuseSecondCall(tx, input, id);
    const bando = await tx.bandoFondo.update({ where: { id }, data: rowOf(input) });
    await tx.fonteFondo.deleteMany({ where: { bandoId: id } });
    await tx.fonteFondo.createMany({ data: input.fonti.map((fonte) => ({ ...fonte, bandoId: id })) });
    await tx.auditEvent.create({ data: { actorId, enteId: regioneEnteId, azione: 'BANDO_MODIFICATO', oggetto: `bando:${id}`, details: { workflowId: bando.workflowId } } });
  });
}
