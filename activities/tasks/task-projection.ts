import type { Db } from '../../prisma/client';
import type { Prisma } from '../../prisma/generated/client';
import type { TaskSpec } from '../../workflows/shared/tasks';

type AssignmentEvent = 'PRESA_IN_CARICO' | 'RILASCIATA' | 'RIASSEGNATA';

/**
 * Keeps the inbox's projection of the tasks workflows hold. Every write is idempotent (a retried
 * activity finds its row or its event key already there) and lands with its audit row in one transaction.
 */
export function createTaskProjection(db: Db) {
  return {
    async openTask(input: TaskSpec & { taskId: string; workflowId: string }): Promise<void> {
      const { taskId, workflowId, candidates, ...spec } = input;
      await db.$transaction(async (tx) => {
        const existing = await tx.task.findUnique({ where: { workflowId_taskKey: { workflowId, taskKey: spec.taskKey } } });
        if (existing) return;
        await tx.task.create({
          data: {
            id: taskId,
            workflowId,
            taskKey: spec.taskKey,
            procedura: spec.procedura,
            titolo: spec.titolo,
            enteId: spec.enteId,
            candidateEnteId: candidates.candidateEnteId,
            candidateRole: candidates.candidateRole,
            candidateArea: candidates.candidateArea,
            assigneeId: spec.assigneeId ?? null,
            dueAt: spec.dueAt ? new Date(spec.dueAt) : null,
            formKey: spec.formKey,
            data: spec.data as Prisma.InputJsonValue,
          },
        });
        await tx.taskEvent.create({ data: { taskId, tipo: 'CREATA', eventKey: `${taskId}:CREATA` } });
      });
    },

    async completeTask(input: { taskId: string; actorId: string; outcome: unknown }): Promise<void> {
      const { taskId, actorId, outcome } = input;
      await db.$transaction(async (tx) => {
        const done = await tx.taskEvent.findUnique({ where: { eventKey: `${taskId}:COMPLETATA` } });
        if (done) return;
        const task = await tx.task.update({
          where: { id: taskId },
          data: {
            stato: 'COMPLETATA',
            outcome: outcome as Prisma.InputJsonValue,
            completedById: actorId,
            completedAt: new Date(),
            assigneeId: actorId,
          },
        });
        await tx.taskEvent.create({
          data: { taskId, tipo: 'COMPLETATA', actorId, eventKey: `${taskId}:COMPLETATA`, details: outcome as Prisma.InputJsonValue },
        });
        await tx.auditEvent.create({
          data: { actorId, enteId: task.enteId, azione: 'ATTIVITA_COMPLETATA', oggetto: `task:${taskId}`, details: { titolo: task.titolo, workflowId: task.workflowId } },
        });
      });
    },

    async assignTask(input: { taskId: string; assigneeId: string | null; actorId: string; tipo: AssignmentEvent; eventKey: string }): Promise<void> {
      const { taskId, assigneeId, actorId, tipo, eventKey } = input;
      await db.$transaction(async (tx) => {
        if (await tx.taskEvent.findUnique({ where: { eventKey } })) return;
        const task = await tx.task.update({ where: { id: taskId }, data: { assigneeId } });
        await tx.taskEvent.create({ data: { taskId, tipo, actorId, eventKey, details: { assigneeId } } });
        await tx.auditEvent.create({
          data: {
            actorId,
            enteId: task.enteId,
            azione: `ATTIVITA_${tipo}`,
            oggetto: `task:${taskId}`,
            details: { titolo: task.titolo, workflowId: task.workflowId, assigneeId },
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
