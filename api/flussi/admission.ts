// Whether a transmission takes one more attempt, asked before a byte of it is received or stored: a
// concluded transmission and a used-up quota are refused here, so a refused request leaves nothing
// behind. The quota (attempts and bytes per transmission, every attempt counted, refused ones included)
// keeps repeated uploads from filling the disk.
import { WorkflowNotFoundError } from '@temporalio/client';
import { formatBytes } from '../../activities/documents/errors';
import { accettaCaricamentiQuery, FLUSSO_DOCUMENTO } from '../../workflows/shared/flussi';
import { TASK_FAILURE } from '../../workflows/shared/tasks';
import { AppError, notFound } from '../errors';
import type { ApiRuntime } from '../runtime';
import { readWorkflow } from '../workflow-unavailable';

export const QUOTA_SUPERATA = 'QUOTA_SUPERATA';

/** How large the attempt's file may be, and which limit that is (the store's, or what the quota leaves). */
export interface Admission {
  maxFileBytes: number;
  /** The message for a file over maxFileBytes, with its status. */
  oversize: AppError;
}

export async function admitAttempt(runtime: ApiRuntime, workflowId: string): Promise<Admission> {
  await assertTakesAttempts(runtime, workflowId);
  const { maxAttempts, maxBytes } = runtime.uploads.quota;
  const used = await runtime.db.document.aggregate({
    where: { workflowId, tipo: { in: Object.values(FLUSSO_DOCUMENTO) } },
    _count: { _all: true },
    _sum: { size: true },
  });
  if (used._count._all >= maxAttempts) {
    throw new AppError(QUOTA_SUPERATA, 429, `flusso: questa trasmissione ha già ${used._count._all} caricamenti, il massimo consentito è ${maxAttempts}. Per caricarne altri scrivi alla Regione.`, 'flusso');
  }
  const remaining = maxBytes - (used._sum.size ?? 0);
  const overQuota = new AppError(QUOTA_SUPERATA, 429, `flusso: i caricamenti di questa trasmissione possono occupare in tutto ${formatBytes(maxBytes)} e ne resta${remaining === 1 ? '' : 'no'} ${formatBytes(Math.max(remaining, 0))}: il file non è stato accettato. Per caricarne altri scrivi alla Regione.`, 'flusso');
  if (remaining <= 0) throw overQuota;
  const storeLimit = runtime.documents.maxBytes;
  if (remaining < storeLimit) return { maxFileBytes: remaining, oversize: overQuota };
  return { maxFileBytes: storeLimit, oversize: new AppError('FILE_TROPPO_GRANDE', 413, `flusso: il file supera la dimensione massima di ${formatBytes(storeLimit)} e non è stato accettato.`, 'flusso') };
}

/** The workflow's own answer (the condition its update's validator checks), not a projection of it. */
async function assertTakesAttempts(runtime: ApiRuntime, workflowId: string): Promise<void> {
  const handle = runtime.temporal.workflow.getHandle(workflowId);
  try {
    const { status } = await readWorkflow(() => handle.describe());
    if (status.name === 'RUNNING' && (await readWorkflow(() => handle.query(accettaCaricamentiQuery)))) return;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw notFound('Trasmissione');
    throw error;
  }
  throw new AppError(TASK_FAILURE.notOpen, 409, 'La trasmissione è già conclusa: non si possono caricare altri flussi.');
}
