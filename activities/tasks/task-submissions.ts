// Receipt-first submissions (workflows/shared/forms.ts RECEIPT_FIRST_FORMS): one TaskSubmission row per
// task, inserted either by the API when a person submits or by the workflow when the task's deadline
// passes, whichever comes first — the primary key decides, so a submission received in time is never lost
// to the deadline and none is taken after it.
import type { Db } from '../../prisma/client';
import type { TaskSubmission } from '../../prisma/generated/client';
import type { Actor } from '../../workflows/shared/actor';
import type { SubmittedTask } from '../../workflows/shared/tasks';

/** The Signal a submitted row stands for. */
export function submittedTaskOf(row: TaskSubmission): SubmittedTask {
  return {
    taskId: row.taskId,
    submissionId: row.submissionId!,
    actor: row.actor as unknown as Actor,
    decision: row.decision,
    receivedAt: row.receivedAt.toISOString(),
  };
}

export function createTaskSubmissionActivities(db: Db) {
  return {
    /**
     * Closes a receipt-first task at its deadline, unless a person's submission came first: then that one,
     * for the workflow to take (its Signal may not have arrived yet). Idempotent: a retry reads the same row.
     */
    async closeSubmissions(input: { taskId: string; workflowId: string }): Promise<SubmittedTask | null> {
      await db.taskSubmission.createMany({ data: [{ ...input, esito: 'CHIUSA', receivedAt: new Date() }], skipDuplicates: true });
      const row = await db.taskSubmission.findUniqueOrThrow({ where: { taskId: input.taskId } });
      return row.esito === 'PRESENTATA' ? submittedTaskOf(row) : null;
    },
  };
}
