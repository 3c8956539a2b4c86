import type { Db } from '../../prisma/client';

/** The incidents administrators see on the monitoring page; opening or closing twice changes nothing. */
export function createIncidentActivities(db: Db) {
  return {
    async openIncident(input: { id: string; workflowId: string; step: string; errore: string; enteId: string | null }): Promise<void> {
      await db.$transaction(async (tx) => {
        if (await tx.incident.findUnique({ where: { id: input.id } })) return;
        await tx.incident.create({ data: input });
        await tx.auditEvent.create({
          data: { enteId: input.enteId, azione: 'INCIDENTE_APERTO', oggetto: `incidente:${input.id}`, details: { workflowId: input.workflowId, step: input.step, note: input.errore } },
        });
      });
    },

    async closeIncident(input: { id: string; azione: 'RIPROVA' | 'RISOLTO'; actorId: string; nota?: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const incident = await tx.incident.findUniqueOrThrow({ where: { id: input.id } });
        if (incident.stato !== 'APERTO') return;
        await tx.incident.update({
          where: { id: input.id },
          data: { stato: input.azione === 'RIPROVA' ? 'RITENTATO' : 'RISOLTO', closedAt: new Date(), closedById: input.actorId, nota: input.nota ?? null },
        });
        await tx.auditEvent.create({
          data: {
            actorId: input.actorId,
            enteId: incident.enteId,
            azione: input.azione === 'RIPROVA' ? 'INCIDENTE_RITENTATO' : 'INCIDENTE_RISOLTO',
            oggetto: `incidente:${input.id}`,
            details: { workflowId: incident.workflowId, step: incident.step, note: input.nota ?? null },
          },
        });
      });
    },
  };
}
