// Opening a ricognizione: the procedure's rules admit it (../../activities/ricognizione/admission), then its
// row, the enti in scope, the audit row and the campaign's procedure to start are written in one
// transaction, and the procedure starts (see ../outbox/procedure-outbox).
import { admitRicognizione, type RicognizioneToOpen } from '../../activities/ricognizione/admission';
import { RICOGNIZIONE, RICOGNIZIONE_WORKFLOW, ricognizioneWorkflowId, type RicognizioneInput } from '../../workflows/shared/ricognizione';
import { requestIdFor, submitProcedure, type OutboxRuntime } from '../outbox/procedure-outbox';

export interface OpenRicognizione extends RicognizioneToOpen {
  sollecitiGiorni: number[];
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
    const enteIds = await admitRicognizione(tx, input);
    const dataRiferimento = new Date(`${input.dataRiferimento}T00:00:00Z`);
    const id = requestIdFor(request);
    const workflowId = ricognizioneWorkflowId(input.dataRiferimento);
    await tx.ricognizione.create({
      data: {
        id,
        workflowId,
        dataRiferimento,
        scadenza: input.scadenza,
        sollecitiGiorni: input.sollecitiGiorni,
        perAmbito: input.perAmbito ?? false,
        createdById: actorId,
        enti: { createMany: { data: enteIds.map((enteId) => ({ enteId })) } },
      },
    });
    await tx.auditEvent.create({
      data: { actorId, enteId: regioneEnteId, azione: 'RICOGNIZIONE_APERTA', oggetto: `ricognizione:${id}`, details: { workflowId, enti: enteIds.length } },
    });
    const workflowInput: RicognizioneInput = {
      ricognizioneId: id,
      dataRiferimento: input.dataRiferimento,
      scadenza: input.scadenza.toISOString(),
      sollecitiGiorni: input.sollecitiGiorni,
      regioneEnteId,
      ...(input.perAmbito ? { perAmbito: true } : {}),
    };
    return { procedure: { procedura: RICOGNIZIONE, workflowId, enteId: regioneEnteId, input: workflowInput }, response: { id, workflowId, enti: enteIds.length } };
  });
}
