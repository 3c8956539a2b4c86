import type { Prisma } from '../../prisma/generated/client';
import { isRegioneUser, type Actor } from '../../workflows/shared/actor';

/** Regione roles see every ente; everyone else only the enti they hold an active role for. */
export function visibleEntiWhere(actor: Actor, regioneEnteId: string): Prisma.EnteWhereInput {
  if (isRegioneUser(actor, regioneEnteId)) return {};
  return { id: { in: actor.roles.map((grant) => grant.enteId) } };
}
