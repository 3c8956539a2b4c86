import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TASK_FAILURE } from '../workflows/shared/tasks';
import { AppError } from './errors';

const STATUS_OF: Record<string, number> = {
  [TASK_FAILURE.invalidDecision]: 422,
  [TASK_FAILURE.notAllowed]: 403,
  [TASK_FAILURE.notOpen]: 409,
};

/** Sends an update to a workflow and returns its result; the validator's refusal becomes an Italian API error. */
export async function sendUpdate<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure) {
      const failure = error.cause;
      const field = (failure.details?.[0] as { field?: string } | undefined)?.field;
      throw new AppError(failure.type ?? 'ERRORE', STATUS_OF[failure.type ?? ''] ?? 422, failure.message, field);
    }
    if (error instanceof WorkflowNotFoundError) {
      throw new AppError(TASK_FAILURE.notOpen, 409, 'La procedura è già conclusa.');
    }
    throw error;
  }
}

