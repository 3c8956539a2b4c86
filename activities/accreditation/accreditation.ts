import type { Db } from '../../prisma/client';
import type { AccreditamentoStato } from '../../prisma/generated/client';

export interface AccreditationPatch {
  requestId: string;
  stato: AccreditamentoStato;
  actorId?: string;
  protocolloEntrataId?: string;
  protocolloUscitaId?: string;
  provvedimentoDocumentId?: string;
  motivazione?: string;
  integrazioneRichiesta?: string;
  /** ISO date-time. */
  integrazioneScadenza?: string;
}

/** The accreditation request's record, which the representative follows; every change is audited. */
export function createAccreditationActivities(db: Db) {
  return {
    async markAccreditation(patch: AccreditationPatch): Promise<void> {
      const { requestId, stato, actorId, integrazioneScadenza, ...fields } = patch;
      await db.$transaction(async (tx) => {
        const before = await tx.accreditationRequest.findUniqueOrThrow({ where: { id: requestId }, select: { stato: true } });
        const request = await tx.accreditationRequest.update({
          where: { id: requestId },
          data: { stato, ...fields, ...(integrazioneScadenza ? { integrazioneScadenza: new Date(integrazioneScadenza) } : {}) },
        });
        // The timeline says a state once: the act's numbers recorded in the same state (or a retry) add no step.
        if (before.stato === stato) return;
        await tx.auditEvent.create({
          data: {
            actorId: actorId ?? null,
            enteId: request.enteId,
            azione: `ACCREDITAMENTO_${stato}`,
            oggetto: `accreditamento:${requestId}`,
            details: { workflowId: request.workflowId, ...fields, ...(integrazioneScadenza ? { integrazioneScadenza } : {}) },
          },
        });
      });
    },

    async recordIntegration(input: { requestId: string; risposta: string; attoNominaDocumentId?: string; actorId: string }): Promise<void> {
      const { requestId, risposta, attoNominaDocumentId, actorId } = input;
      await db.$transaction(async (tx) => {
        const request = await tx.accreditationRequest.update({
          where: { id: requestId },
          data: { stato: 'PROTOCOLLATA', ...(attoNominaDocumentId ? { attoNominaDocumentId } : {}) },
        });
        await tx.auditEvent.create({
          data: {
            actorId,
            enteId: request.enteId,
            azione: 'ACCREDITAMENTO_INTEGRATA',
            oggetto: `accreditamento:${requestId}`,
            details: { workflowId: request.workflowId, note: risposta, attoNominaDocumentId: attoNominaDocumentId ?? null },
          },
        });
      });
    },

    /**
     * The ente becomes active with the declared PEC and codice fiscale, and the requester becomes its
     * legal representative. Idempotent: a retry finds the role already there.
     */
    async activateEnte(input: { requestId: string; actorId: string }): Promise<void> {
      await db.$transaction(async (tx) => {
        const request = await tx.accreditationRequest.findUniqueOrThrow({ where: { id: input.requestId } });
        if (!request.enteId) throw new Error(`accreditation request ${request.id} has no ente`);
        await tx.ente.update({ where: { id: request.enteId }, data: { stato: 'ATTIVO', pec: request.pec, codiceFiscale: request.codiceFiscale } });
        const existing = await tx.roleAssignment.findFirst({
          where: { userId: request.richiedenteId, enteId: request.enteId, ruolo: 'RAPPRESENTANTE_LEGALE', revokedAt: null },
        });
        if (!existing) {
          await tx.roleAssignment.create({ data: { userId: request.richiedenteId, enteId: request.enteId, ruolo: 'RAPPRESENTANTE_LEGALE' } });
        }
        await tx.accreditationRequest.update({ where: { id: request.id }, data: { stato: 'ACCREDITATA' } });
        await tx.auditEvent.create({
          data: {
            actorId: input.actorId,
            enteId: request.enteId,
            azione: 'ACCREDITAMENTO_ACCREDITATA',
            oggetto: `accreditamento:${request.id}`,
            details: { workflowId: request.workflowId, rappresentanteId: request.richiedenteId },
          },
        });
      });
    },
  };
}
