import { randomUUID } from 'node:crypto';
import type { Db } from '../../prisma/client';
import { ApplicationFailure } from '@temporalio/common';
import { taskDataProblem } from '../../workflows/shared/task-data';
import { Prisma } from '../../prisma/generated/client';
import { PRESA_AL_COMPLETAMENTO, type TaskSpec } from '../../workflows/shared/tasks';

type AssignmentEvent = 'PRESA_IN_CARICO' | 'RILASCIATA' | 'RIASSEGNATA';

const COMPLETION_AUDIT = 'ATTIVITA_COMPLETATA';

/** A timestamp as Prisma stores one (UTC in a column without time zone), whatever the session's zone. */
const utc = (at: Date | string) => Prisma.sql`(${new Date(at).toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
const taskObject = (taskId: string) => `task:${taskId}`;

/** The Temporal update id that completed the task, if it is completed: a retry with it is the same decision. */
export async function completionUpdateId(db: Db, taskId: string): Promise<string | null> {
  const audit = await db.auditEvent.findFirst({ where: { azione: COMPLETION_AUDIT, oggetto: taskObject(taskId) }, select: { details: true } });
  return (audit?.details as { updateId?: string } | null)?.updateId ?? null;
}

/**
 * Keeps the inbox's projection of the tasks workflows hold. Every write is idempotent (a retried
 * activity finds its row or its event key already there) and lands with its audit row in one transaction.
 */
export function createTaskProjection(db: Db) {
  return {
    /** One statement (the next task shows up one round-trip after the decision); a retry finds the task there. */
    async openTask(input: TaskSpec & { taskId: string; workflowId: string }): Promise<void> {
      const { taskId, workflowId, candidates, ...spec } = input;
      // The form's contract: data the inbox cannot read is the procedure's bug, never retried (an incident).
      const problem = taskDataProblem(spec.formKey, spec.data);
      if (problem) throw ApplicationFailure.nonRetryable(problem, 'DATI_ATTIVITA_NON_CONFORMI');
      const now = utc(new Date());
      await db.$executeRaw`
        WITH task AS (
          INSERT INTO "Task" ("id", "workflowId", "taskKey", "procedura", "titolo", "enteId", "candidateEnteId", "candidateRole",
            "candidateArea", "assigneeId", "dueAt", "formKey", "data", "createdAt")
          VALUES (${taskId}, ${workflowId}, ${spec.taskKey}, ${spec.procedura}, ${spec.titolo}, ${spec.enteId}, ${candidates.candidateEnteId},
            ${candidates.candidateRole}::"Ruolo", ${candidates.candidateArea}::"Area", ${spec.assigneeId ?? null},
            ${spec.dueAt ? utc(spec.dueAt) : null}, ${spec.formKey}, ${JSON.stringify(spec.data)}::jsonb, ${now})
          ON CONFLICT ("workflowId", "taskKey") DO NOTHING
          RETURNING "id"
        )
        INSERT INTO "TaskEvent" ("id", "taskId", "tipo", "eventKey", "at")
        SELECT ${randomUUID()}, "id", 'CREATA'::"TaskEventTipo", ${`${taskId}:CREATA`}, ${now} FROM task`;
    },

    /**
     * Written by the workflow's activity and by the API right after Temporal accepted the decision, both
     * with the same values. One statement, so one round-trip on the path from a decision to the inbox: the
     * event goes in first and only a new event completes the task and audits it; whichever write comes
     * second (even concurrently: the unique key makes it wait for the first's commit) changes nothing.
     */
    async completeTask(input: { taskId: string; actorId: string; outcome: unknown; updateId: string; presaImplicita?: boolean }): Promise<void> {
      const { taskId, actorId, updateId } = input;
      const outcome = JSON.stringify(input.outcome ?? null);
      const completedAt = new Date();
      const now = utc(completedAt);
      // An implicit claim comes a millisecond before the completion, so that the history reads in order.
      const claimedAt = utc(new Date(completedAt.getTime() - 1));
      const claim = JSON.stringify({ assigneeId: actorId, motivo: PRESA_AL_COMPLETAMENTO });
      await db.$executeRaw`
        WITH event AS (
          INSERT INTO "TaskEvent" ("id", "taskId", "tipo", "actorId", "eventKey", "details", "at")
          VALUES (${randomUUID()}, ${taskId}, 'COMPLETATA'::"TaskEventTipo", ${actorId}, ${`${taskId}:COMPLETATA`}, ${outcome}::jsonb, ${now})
          ON CONFLICT ("eventKey") DO NOTHING
          RETURNING "taskId"
        ), claim AS (
          INSERT INTO "TaskEvent" ("id", "taskId", "tipo", "actorId", "eventKey", "details", "at")
          SELECT ${randomUUID()}, "taskId", 'PRESA_IN_CARICO'::"TaskEventTipo", ${actorId}, ${`${taskId}:PRESA_AL_COMPLETAMENTO`}, ${claim}::jsonb, ${claimedAt}
          FROM event WHERE ${input.presaImplicita === true}
        ), task AS (
          UPDATE "Task" SET "stato" = 'COMPLETATA'::"TaskStato", "outcome" = ${outcome}::jsonb, "completedById" = ${actorId},
            "completedAt" = ${now}, "assigneeId" = ${actorId}
          WHERE "id" IN (SELECT "taskId" FROM event)
          RETURNING "enteId", "titolo", "workflowId"
        )
        INSERT INTO "AuditEvent" ("id", "at", "actorId", "enteId", "azione", "oggetto", "details")
        SELECT ${randomUUID()}, ${now}, ${actorId}, "enteId", ${COMPLETION_AUDIT}, ${taskObject(taskId)},
          jsonb_build_object('titolo', "titolo", 'workflowId', "workflowId", 'updateId', ${updateId}::text)
        FROM task`;
    },

    /** A change of assignee; on a task already closed only its event is kept (a late write must not reopen it). */
    async assignTask(input: { taskId: string; assigneeId: string | null; actorId: string; tipo: AssignmentEvent; eventKey: string; motivo?: string }): Promise<void> {
      const { taskId, assigneeId, actorId, tipo, eventKey, motivo } = input;
      const details = motivo ? { assigneeId, motivo } : { assigneeId };
      await db.$transaction(async (tx) => {
        const { count } = await tx.taskEvent.createMany({ data: [{ taskId, tipo, actorId, eventKey, details }], skipDuplicates: true });
        if (count === 0) return;
        await tx.task.updateMany({ where: { id: taskId, stato: 'APERTA' }, data: { assigneeId } });
        const task = await tx.task.findUniqueOrThrow({ where: { id: taskId } });
        await tx.auditEvent.create({
          data: {
            actorId,
            enteId: task.enteId,
            azione: `ATTIVITA_${tipo}`,
            oggetto: taskObject(taskId),
            details: { titolo: task.titolo, workflowId: task.workflowId, ...details },
          },
        });
      });
    },

    /** A new due date; the event keeps the history of extensions. `eventKey` makes a retry a no-op. */
    async rescheduleTask(input: { taskId: string; dueAt: string | null; eventKey: string }): Promise<void> {
      const { taskId, dueAt, eventKey } = input;
      await db.$transaction(async (tx) => {
        if (await tx.taskEvent.findUnique({ where: { eventKey } })) return;
        await tx.task.update({ where: { id: taskId }, data: { dueAt: dueAt ? new Date(dueAt) : null } });
        await tx.taskEvent.create({ data: { taskId, tipo: 'SCADENZA_MODIFICATA', eventKey, details: { dueAt } } });
      });
    },

    async cancelTask(input: { taskId: string }): Promise<void> {
      const { taskId } = input;
      await db.$transaction(async (tx) => {
        if (await tx.taskEvent.findUnique({ where: { eventKey: `${taskId}:ANNULLATA` } })) return;
        await tx.task.update({ where: { id: taskId }, data: { stato: 'ANNULLATA', completedAt: new Date() } });
        await tx.taskEvent.create({ data: { taskId, tipo: 'ANNULLATA', eventKey: `${taskId}:ANNULLATA` } });
      });
    },
  };
}
