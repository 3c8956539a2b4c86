// An attempt of a transmission, however it came (an uploaded file, the manual form): its flusso is filed
// in the document store and handed to the procedure, whose `caricaFlusso` update validates it and keeps
// it with its report. One path, so both kinds are validated, reported and listed alike. The callers ask
// admitAttempt first; should the procedure still refuse the update (it ended in between), the document
// it never took is discarded, so a refused request leaves nothing stored.
import type { Actor } from '../../workflows/shared/actor';
import { caricaFlussoUpdate, type FLUSSO_DOCUMENTO, type UploadSummary } from '../../workflows/shared/flussi';
import { AppError } from '../errors';
import type { ApiRuntime } from '../runtime';
import { sendUpdate } from '../workflow-updates';

export interface AttemptInput {
  workflowId: string;
  enteId: string;
  actor: Actor;
  /** Unique per attempt: a retried store of the same attempt files one document. */
  idempotencyKey: string;
  content: Buffer;
  filename: string;
  titolo: string;
  tipo: (typeof FLUSSO_DOCUMENTO)[keyof typeof FLUSSO_DOCUMENTO];
}

export async function fileAttempt(runtime: ApiRuntime, input: AttemptInput): Promise<UploadSummary> {
  const stored = await runtime.documents.store({
    idempotencyKey: input.idempotencyKey,
    content: input.content,
    filename: input.filename,
    mimeType: 'application/xml',
    titolo: input.titolo,
    tipo: input.tipo,
    workflowId: input.workflowId,
    enteId: input.enteId,
    createdById: input.actor.userId,
  });
  let summary: UploadSummary | undefined;
  try {
    await sendUpdate(async () => {
      summary = await runtime.temporal.workflow.getHandle(input.workflowId).executeUpdate(caricaFlussoUpdate, { args: [{ documentId: stored.id, actor: input.actor }] });
    });
  } catch (error) {
    // An AppError is the validator's refusal (or the procedure gone): no attempt took the document.
    if (error instanceof AppError) await runtime.documents.discard(stored.id);
    throw error;
  }
  return summary!;
}
