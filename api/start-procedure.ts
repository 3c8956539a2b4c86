import type { Client, WorkflowIdReusePolicy } from '@temporalio/client';
import { SA_ENTE, SA_PROCEDURA, SA_STATO } from '../temporal-config/settings';

/**
 * Starts a procedure's workflow with the search attributes the monitoring page filters by. If it cannot
 * start, `undo` removes what the caller stored for it, so nothing stays half-way.
 */
export async function startProcedure<A>(
  temporal: Client,
  procedure: { workflowType: string; procedura: string; workflowId: string; taskQueue: string; enteId: string; input: A; workflowIdReusePolicy?: WorkflowIdReusePolicy },
  undo: () => Promise<unknown>,
): Promise<void> {
  try {
    await temporal.workflow.start(procedure.workflowType, {
      workflowId: procedure.workflowId,
      taskQueue: procedure.taskQueue,
      args: [procedure.input],
      workflowIdReusePolicy: procedure.workflowIdReusePolicy,
      typedSearchAttributes: [
        { key: SA_PROCEDURA, value: procedure.procedura },
        { key: SA_ENTE, value: procedure.enteId },
        { key: SA_STATO, value: 'INVIATA' },
      ],
    });
  } catch (error) {
    await undo();
    throw error;
  }
}
