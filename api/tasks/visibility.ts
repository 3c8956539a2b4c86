import type { Prisma } from '../../prisma/generated/client';
import { isAdministrator, type Actor } from '../../workflows/shared/actor';

/**
 * The tasks an actor may take: the same rule as holdsCandidacy (workflows/shared/actor.ts), as a query.
 * A legal representative covers the referente tasks of every area of their ente.
 */
export function candidacyWhere(actor: Actor): Prisma.TaskWhereInput[] {
  return actor.roles.map((grant) => ({
    candidateEnteId: grant.enteId,
    candidateRole: grant.ruolo === 'RAPPRESENTANTE_LEGALE' ? { in: ['RAPPRESENTANTE_LEGALE', 'REFERENTE'] } : grant.ruolo,
    ...(grant.area ? { OR: [{ candidateArea: null }, { candidateArea: grant.area }] } : {}),
  }));
}

/** What an actor may see: tasks they could take, hold or completed; administrators see all, read-only. */
export function visibleWhere(actor: Actor, regioneEnteId: string): Prisma.TaskWhereInput {
  if (isAdministrator(actor, regioneEnteId)) return {};
  return { OR: [...candidacyWhere(actor), { assigneeId: actor.userId }, { completedById: actor.userId }] };
}
