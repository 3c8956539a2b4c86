import type { RequestHandler } from 'express';
import type { Db } from '../../prisma/client';
import type { Actor } from '../../workflows/shared/actor';
import { isoDayInItaly } from '../sostituzioni/substitutions';
import { notSignedIn } from './request';
import type { Profile } from './views';

// Roles are read from the database on every request rather than cached in the session: a revocation
// (revokedAt set) must take effect on the very next request.

const ACTIVE = { revokedAt: null } as const;
const ROLE_ORDER = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

/** The actor for a user id; a 401 if the user no longer exists, since the session then means nothing. */
export async function loadActor(db: Db, userId: string): Promise<Actor> {
  // Every request pays for this read: one statement, without the query builder's own cost per call.
  const today = isoDayInItaly();
  const [user] = await db.$queryRaw<{ id: string; codiceFiscale: string; nome: string; cognome: string; roles: Actor['roles']; sostituisce: string[] }[]>`
    SELECT u."id", u."codiceFiscale", u."nome", u."cognome",
      COALESCE((SELECT json_agg(json_build_object('enteId', r."enteId", 'ruolo', r."ruolo", 'area', r."area") ORDER BY r."createdAt", r."id")
        FROM "RoleAssignment" r WHERE r."userId" = u."id" AND r."revokedAt" IS NULL), '[]'::json) AS "roles",
      ARRAY(SELECT DISTINCT s."titolareId" FROM "Substitution" s
        WHERE s."sostitutoId" = u."id" AND s."dal" <= ${today}::date AND s."al" >= ${today}::date) AS "sostituisce"
    FROM "User" u WHERE u."id" = ${userId}`;
  if (!user) throw notSignedIn();
  return {
    userId: user.id,
    codiceFiscale: user.codiceFiscale,
    nomeCompleto: `${user.nome} ${user.cognome}`,
    roles: user.roles,
    sostituisce: user.sostituisce,
  };
}

/** What the UI shows of the signed-in user: names and active roles with their enti. */
export async function loadProfile(db: Db, userId: string): Promise<Profile> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      codiceFiscale: true,
      nome: true,
      cognome: true,
      roles: {
        where: ACTIVE,
        orderBy: ROLE_ORDER,
        select: { ruolo: true, area: true, ente: { select: { id: true, codice: true, denominazione: true, tipo: true } } },
      },
    },
  });
  if (!user) throw notSignedIn();
  const { roles, ...identity } = user;
  return {
    user: { ...identity, nomeCompleto: `${identity.nome} ${identity.cognome}` },
    roles: roles.map(({ ruolo, area, ente }) => ({
      enteId: ente.id,
      enteCodice: ente.codice,
      enteDenominazione: ente.denominazione,
      enteTipo: ente.tipo,
      ruolo,
      area,
    })),
  };
}

export function requireActorMiddleware(db: Db): RequestHandler {
  return async (req, _res, next) => {
    const userId = req.session?.userId;
    if (!userId) throw notSignedIn();
    req.actor = await loadActor(db, userId);
    next();
  };
}
