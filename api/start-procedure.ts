import { WorkflowExecutionAlreadyStartedError, type Client, type WorkflowIdReusePolicy } from '@temporalio/client';
import { startingSearchAttributes } from '../temporal-config/settings';
import { procedureById } from '../workflows/shared/procedures';

/** What starts a procedure's workflow: its type, id, queue, argument and the search attributes it is found by. */
export interface ProcedureToStart<A = unknown> {
  workflowType: string;
  procedura: string;
  workflowId: string;
  taskQueue: string;
  enteId: string;
  input: A;
  workflowIdReusePolicy?: WorkflowIdReusePolicy;
}

/** Starts a procedure's workflow with the search attributes the monitoring page filters by. */
export async function startProcedure<A>(temporal: Client, procedure: ProcedureToStart<A>): Promise<void> {
  const descriptor = procedureById(procedure.procedura);
  if (!descriptor) throw new Error(`procedura sconosciuta: ${procedure.procedura}`);
  await temporal.workflow.start(procedure.workflowType, {
    workflowId: procedure.workflowId,
    taskQueue: procedure.taskQueue,
    args: [procedure.input],
    workflowIdReusePolicy: procedure.workflowIdReusePolicy,
    typedSearchAttributes: startingSearchAttributes(descriptor, procedure.enteId),
  });
}

/**
 * Starts it unless a workflow with its id was ever started (running or ended): starting twice — a retry,
 * the reconciler racing the request — is success, and an ended procedure is never started again.
 */
export async function startProcedureOnce<A>(temporal: Client, procedure: ProcedureToStart<A>): Promise<void> {
  try {
    await startProcedure(temporal, { ...procedure, workflowIdReusePolicy: 'REJECT_DUPLICATE' });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}
