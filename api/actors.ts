import type { Db } from '../prisma/client';
import type { Actor } from '../workflows/shared/actor';

/** The user with their active roles, read fresh: a revoked role stops working at the next request. */
export async function loadActor(db: Db, userId: string): Promise<Actor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    include: { roles: { where: { revokedAt: null }, select: { enteId: true, ruolo: true, area: true } } },
  });
  if (!user) return null;
  return {
    userId: user.id,
    codiceFiscale: user.codiceFiscale,
    nomeCompleto: `${user.nome} ${user.cognome}`,
    roles: user.roles.map((role) => ({ enteId: role.enteId, ruolo: role.ruolo, area: role.area })),
  };
}
