// Opening a ricognizione: its row, the enti in scope, the audit row and the campaign's procedure to start
// are written in one transaction, then the procedure starts (see ../outbox/procedure-outbox).
import { dataItaliana } from '../../workflows/shared/dates';
import { RICOGNIZIONE, RICOGNIZIONE_WORKFLOW, ricognizioneWorkflowId, type RicognizioneInput } from '../../workflows/shared/ricognizione';
import { AppError } from '../errors';
import { requestIdFor, submitProcedure, type OutboxRuntime } from '../outbox/procedure-outbox';

export interface OpenRicognizione {
  /** AAAA-MM-GG: 30/06 or 31/12. */
  dataRiferimento: string;
  scadenza: Date;
  sollecitiGiorni: number[];
  enteIds: string[];
}

/** Opens the campaign, one per reference date; a retry with the same idempotency key answers with the first. */
export async function openRicognizione(
  runtime: OutboxRuntime & { regioneEnteId: string },
  actorId: string,
  input: OpenRicognizione,
  idempotencyKey: string | null,
) {
  const request = { requestedById: actorId, workflowType: RICOGNIZIONE_WORKFLOW, idempotencyKey };
  const { regioneEnteId } = runtime;
  return submitProcedure<{ id: string; workflowId: string; enti: number }>(runtime, request, async (tx) => {
    const dataRiferimento = new Date(`${input.dataRiferimento}T00:00:00Z`);
    if (await tx.ricognizione.findUnique({ where: { dataRiferimento } })) {
      throw new AppError('GIA_PRESENTE', 409, `dataRiferimento: una ricognizione al ${dataItaliana(input.dataRiferimento)} è già stata aperta`, 'dataRiferimento');
    }
    const id = requestIdFor(request);
    const workflowId = ricognizioneWorkflowId(input.dataRiferimento);
    await tx.ricognizione.create({
      data: {
        id,
        workflowId,
        dataRiferimento,
        scadenza: input.scadenza,
        sollecitiGiorni: input.sollecitiGiorni,
        createdById: actorId,
        enti: { createMany: { data: input.enteIds.map((enteId) => ({ enteId })) } },
      },
    });
    await tx.auditEvent.create({
      data: { actorId, enteId: regioneEnteId, azione: 'RICOGNIZIONE_APERTA', oggetto: `ricognizione:${id}`, details: { workflowId, enti: input.enteIds.length } },
    });
    const workflowInput: RicognizioneInput = {
      ricognizioneId: id,
      dataRiferimento: input.dataRiferimento,
      scadenza: input.scadenza.toISOString(),
      sollecitiGiorni: input.sollecitiGiorni,
      regioneEnteId,
    };
    return { procedure: { procedura: RICOGNIZIONE, workflowId, enteId: regioneEnteId, input: workflowInput }, response: { id, workflowId, enti: input.enteIds.length } };
  });
}
