import type { Prisma } from '../../prisma/generated/client';
import type { Actor } from '../../workflows/shared/actor';

/** Regione roles see every ente; everyone else only the enti they hold an active role for. */
export function visibleEntiWhere(actor: Actor, regioneEnteId: string): Prisma.EnteWhereInput {
  if (actor.roles.some((grant) => grant.enteId === regioneEnteId)) return {};
  return { id: { in: actor.roles.map((grant) => grant.enteId) } };
}
