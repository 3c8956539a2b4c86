// Receipt-first forms (RECEIPT_FIRST_FORMS): the API makes the workflow's checks itself (who may act, the
// form, the procedure's rules with the time of receipt) and records the decision in the task's TaskSubmission
// row (its primary key: one submission per task, and none once the deadline closed it). That row is the
// receipt: the workflow is bound to take it (at its deadline it takes a row never signalled), so the person
// has their answer once it is committed — at a call's deadline, hundreds at once. The Signal then follows in
// the background, queued behind the requests still being answered; once history holds it the inbox row is
// written (never before: the inbox does not run ahead of history). A crash between the row and the Signal
// leaves the row: the retried request (same Idempotency-Key) or the reconciler (`resendSubmissions`)
// delivers it; the workflow takes a submission once.
import { WorkflowNotFoundError } from '@temporalio/client';
import { sqlOf, type Db } from '../../prisma/client';
import { createTaskProjection } from '../../activities/tasks/task-projection';
import { submittedTaskOf } from '../../activities/tasks/task-submissions';
import type { Actor } from '../../workflows/shared/actor';
import { checkDecision, type DecisionProblem, type FormKey } from '../../workflows/shared/forms';
import { actingProblem, submitTaskSignal, TASK_FAILURE, type SubmittedTask } from '../../workflows/shared/tasks';
import { checkDomandaFondo } from '../fondo-affitti/domanda-submission';
import { AppError } from '../errors';
import type { ApiRuntime } from '../runtime';
import { checkTaskFiles, filesNamed } from './documents';
import { notOpen } from './queries';

/** The procedure's own rules on a receipt-first form, as its workflow checks them, at the time of receipt. */
type SubmissionCheck = (db: Db, task: { data: unknown; dueAt: Date | null }, decision: never, receivedAt: Date) => Promise<DecisionProblem | null>;

const PROCEDURE_CHECKS: Partial<Record<FormKey, SubmissionCheck>> = {
  'domanda-fondo-affitti': checkDomandaFondo,
};

interface SubmittableTask {
  id: string;
  workflowId: string;
  formKey: string;
  data: unknown;
  assigneeId: string | null;
  candidateEnteId: string;
  candidateRole: string;
  candidateArea: string | null;
  dueAt: Date | null;
}

const invalid = (problem: DecisionProblem) => new AppError(TASK_FAILURE.invalidDecision, 422, problem.message, problem.field ?? undefined);

/** Submits `decision` on an open receipt-first task; a retry with the same `submissionId` answers as the first did. */
export async function submitTask(runtime: ApiRuntime, actor: Actor, task: SubmittableTask, decision: unknown, submissionId: string): Promise<void> {
  const receivedAt = new Date();
  const formKey = task.formKey as FormKey;
  const candidates = { candidateEnteId: task.candidateEnteId, candidateRole: task.candidateRole, candidateArea: task.candidateArea } as Parameters<typeof actingProblem>[0]['candidates'];
  const refused = actingProblem({ assigneeId: task.assigneeId, candidates, named: false }, actor);
  if (refused) throw new AppError(refused.type, 403, refused.message);
  const checked = checkDecision(formKey, decision);
  if (!checked.ok) throw invalid(checked.problem);
  const problem = await PROCEDURE_CHECKS[formKey]?.(runtime.db, task, checked.value as never, receivedAt);
  if (problem) throw invalid(problem);
  const files = filesNamed(formKey, checked.value as Record<string, unknown>).map(({ id, field }) => ({ id, tipo: field.tipo }));
  const submission = await recordSubmission(runtime.db, task, {
    taskId: task.id, submissionId, actor, decision: checked.value, receivedAt: receivedAt.toISOString(),
  }, files, () => checkTaskFiles(runtime, task, checked.value as Record<string, unknown>));
  runtime.background.enqueue(() => deliverAndShow(runtime, task, submission).catch((error: unknown) => {
    // The row stays undelivered: the reconciler sends it again.
    console.error(`[api] submission of task ${task.id} not yet delivered to its procedure: ${error instanceof Error ? error.message : String(error)}`);
  }));
}

/** The Signal, then the inbox row: the task is completed in the inbox once history holds its submission. */
async function deliverAndShow(runtime: ApiRuntime, task: SubmittableTask, submission: SubmittedTask): Promise<void> {
  await deliver(runtime, task.workflowId, submission);
  await createTaskProjection(runtime.db).completeTask({
    taskId: task.id,
    actorId: submission.actor.userId,
    outcome: submission.decision,
    updateId: submission.submissionId,
    ...(task.assigneeId === null ? { presaImplicita: true } : {}),
  });
}

/**
 * The task's row: this submission's, or the first request's when this is its retry; otherwise a 409. The row
 * is written only if every file named is its procedure's, of its field's kind (`files`): the same statement
 * checks them, and only when nothing was written does `checkFiles` say which field is wrong.
 */
export async function recordSubmission(
  db: Db,
  task: Pick<SubmittableTask, 'id' | 'workflowId' | 'dueAt'>,
  submission: SubmittedTask,
  files: { id: string; tipo: string }[] = [],
  checkFiles: () => Promise<void> = async () => undefined,
): Promise<SubmittedTask> {
  // A plain statement: at a call's deadline every Comune's request makes this write at once.
  const count = await sqlOf(db).count`
    INSERT INTO "TaskSubmission" ("taskId", "workflowId", "esito", "submissionId", "actor", "decision", "receivedAt")
    SELECT ${task.id}, ${task.workflowId}, 'PRESENTATA'::"TaskSubmissionEsito", ${submission.submissionId},
      ${JSON.stringify(submission.actor)}::jsonb, ${JSON.stringify(submission.decision)}::jsonb,
      (${submission.receivedAt}::timestamptz AT TIME ZONE 'UTC')
    WHERE (SELECT count(*) FROM unnest(${files.map((file) => file.id)}::text[], ${files.map((file) => file.tipo)}::text[]) AS f("id", "tipo")
      JOIN "Document" d ON d."id" = f."id" AND d."tipo"::text = f."tipo" AND d."workflowId" = ${task.workflowId}) = ${files.length}
    ON CONFLICT ("taskId") DO NOTHING`;
  if (count === 1) return submission;
  await checkFiles();
  const row = await db.taskSubmission.findUniqueOrThrow({ where: { taskId: task.id } });
  if (row.esito === 'CHIUSA') throw notOpen({ stato: 'ANNULLATA', dueAt: task.dueAt, completedAt: row.receivedAt });
  if (row.submissionId !== submission.submissionId) throw new AppError(TASK_FAILURE.notOpen, 409, "L'attività è già stata completata.");
  return submittedTaskOf(row);
}

/** The Signal; once it returns, history holds the submission. */
export async function deliver(runtime: Pick<ApiRuntime, 'temporal'>, workflowId: string, submission: SubmittedTask): Promise<void> {
  try {
    await runtime.temporal.workflow.getHandle(workflowId).signal(submitTaskSignal, submission);
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) throw new AppError(TASK_FAILURE.notOpen, 409, 'La procedura è già conclusa.');
    throw error;
  }
}

/** Submissions older than this whose task is still open in the inbox are delivered again. */
const UNDELIVERED_AFTER_MS = 10_000;

/**
 * Delivers again the submissions a crash left between their row and their Signal (the task still open in the
 * inbox a while after): the workflow takes each once. Returns how many were sent.
 */
export async function resendSubmissions(runtime: Pick<ApiRuntime, 'db' | 'temporal'>, now = new Date()): Promise<number> {
  const rows = await runtime.db.$queryRaw<{ taskId: string }[]>`
    SELECT s."taskId" FROM "TaskSubmission" s JOIN "Task" t ON t."id" = s."taskId"
    WHERE s."esito" = 'PRESENTATA' AND t."stato" = 'APERTA' AND s."receivedAt" < (${new Date(now.getTime() - UNDELIVERED_AFTER_MS).toISOString()}::timestamptz AT TIME ZONE 'UTC')
    ORDER BY s."receivedAt" LIMIT 100`;
  if (rows.length === 0) return 0;
  const undelivered = await runtime.db.taskSubmission.findMany({ where: { taskId: { in: rows.map((row) => row.taskId) } } });
  let sent = 0;
  for (const row of undelivered) {
    await deliver(runtime, row.workflowId, submittedTaskOf(row)).then(() => sent++, () => undefined);
  }
  return sent;
}
