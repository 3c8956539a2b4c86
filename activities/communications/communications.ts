import type { Db } from '../../prisma/client';
import type { Registration } from '../protocol/protocol-register';

export type Esito = 'PRESA_IN_CARICO' | 'NON_DI_COMPETENZA';

/** The invio generico's record, which the ente follows: its protocol number and the Region's outcome. */
export function createCommunicationActivities(db: Db) {
  return {
    async markCommunicationProtocolled(input: { communicationId: string; registration: Registration }): Promise<void> {
      const { communicationId, registration } = input;
      await db.$transaction(async (tx) => {
        const communication = await tx.communication.update({
          where: { id: communicationId },
          data: { stato: 'PROTOCOLLATA', protocolloId: registration.id },
        });
        await tx.auditEvent.create({
          data: {
            enteId: communication.enteId,
            azione: 'COMUNICAZIONE_PROTOCOLLATA',
            oggetto: `comunicazione:${communicationId}`,
            details: { numero: registration.number, anno: registration.year, workflowId: communication.workflowId },
          },
        });
      });
    },

    async recordCommunicationOutcome(input: { communicationId: string; esito: Esito; note?: string; actorId: string }): Promise<void> {
      const { communicationId, esito, note, actorId } = input;
      await db.$transaction(async (tx) => {
        const communication = await tx.communication.update({
          where: { id: communicationId },
          data: { stato: esito, esitoNote: note ?? null, esitoById: actorId, esitoAt: new Date() },
        });
        await tx.auditEvent.create({
          data: {
            actorId,
            enteId: communication.enteId,
            azione: `COMUNICAZIONE_${esito}`,
            oggetto: `comunicazione:${communicationId}`,
            details: { note: note ?? null, workflowId: communication.workflowId },
          },
        });
      });
    },
  };
}
