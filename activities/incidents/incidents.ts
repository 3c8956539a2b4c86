import type { Db } from '../../prisma/client';

/**
 * An incident must be recordable whatever text made the step fail: a NUL byte or a lone UTF-16
 * surrogate in a step's name (an oggetto) would make PostgreSQL refuse the incident itself.
 */
const storable = (text: string) =>
  text.replaceAll('\u0000', '\ufffd').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** The incidents administrators see on the monitoring page; opening or closing twice changes nothing. */
export function createIncidentActivities(db: Db) {
  return {
    /** `pec`: the address a PEC could not be delivered to, which the administrator may correct before retrying. */
    async openIncident(input: { id: string; workflowId: string; step: string; errore: string; enteId: string | null; pec?: string }): Promise<void> {
      const incident = { ...input, step: storable(input.step), errore: storable(input.errore), pec: input.pec === undefined ? null : storable(input.pec) };
      await db.$transaction(async (tx) => {
        if (await tx.incident.findUnique({ where: { id: incident.id } })) return;
        await tx.incident.create({ data: incident });
        await tx.auditEvent.create({
          data: { enteId: incident.enteId, azione: 'INCIDENTE_APERTO', oggetto: `incidente:${incident.id}`, details: { workflowId: incident.workflowId, step: incident.step, note: incident.errore, ...(incident.pec ? { pec: incident.pec } : {}) } },
        });
      });
    },

    /** `pec`: the corrected address the retry sends to, when the administrator gave one. */
    async closeIncident(input: { id: string; azione: 'RIPROVA' | 'RISOLTO'; actorId: string; nota?: string; pec?: string }): Promise<void> {
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
            details: { workflowId: incident.workflowId, step: incident.step, note: input.nota ?? null, ...(input.pec ? { pecCorretta: input.pec } : {}) },
          },
        });
      });
    },
  };
}
