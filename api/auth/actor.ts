import type { Request, RequestHandler } from 'express';
import { sqlOf, type Db } from '../../prisma/client';
import type { Actor } from '../../workflows/shared/actor';
import { isoDayInItaly } from '../sostituzioni/substitutions';
import { notSignedIn } from './request';
import type { Profile } from './views';

// Roles are read from the database on every request rather than cached in the session: a revocation
// (revokedAt set) must take effect on the very next request.

const ACTIVE = { revokedAt: null } as const;
const ROLE_ORDER = [{ createdAt: 'asc' as const }, { id: 'asc' as const }];

interface IdentityRow {
  session: unknown;
  expiresAt: Date | null;
  id: string | null;
  codiceFiscale: string;
  nome: string;
  cognome: string;
  roles: Actor['roles'];
  sostituisce: string[];
}

/**
 * A session and its person in one statement (every request pays for this read): the session row by `sid`,
 * the person by `userId` or else by the session's; their active roles and whom they substitute today. With
 * `touch`, an unexpired session's expiry moves to that time plus the session's lifetime (a rolling session);
 * the row read is as it was before.
 */
export async function readIdentity(
  db: Db,
  wanted: { sid?: string; userId?: string; touch?: { at: Date; ttlMs: number } },
): Promise<IdentityRow | undefined> {
  const today = isoDayInItaly();
  const touchAt = wanted.touch?.at.toISOString() ?? null;
  const [row] = await sqlOf(db).rows<IdentityRow>`
    WITH touched AS (
      UPDATE "Session" SET "expiresAt" = (${touchAt}::timestamptz AT TIME ZONE 'UTC') + ${wanted.touch?.ttlMs ?? 0}::bigint * interval '1 millisecond'
      WHERE "sid" = ${wanted.sid ?? null}::text AND "expiresAt" > (${touchAt}::timestamptz AT TIME ZONE 'UTC'))
    SELECT s."data" AS "session", s."expiresAt", u."id", u."codiceFiscale", u."nome", u."cognome",
      COALESCE((SELECT json_agg(json_build_object('enteId', r."enteId", 'ruolo', r."ruolo", 'area', r."area") ORDER BY r."createdAt", r."id")
        FROM "RoleAssignment" r WHERE r."userId" = u."id" AND r."revokedAt" IS NULL), '[]'::json) AS "roles",
      ARRAY(SELECT DISTINCT x."titolareId" FROM "Substitution" x
        WHERE x."sostitutoId" = u."id" AND x."dal" <= ${today}::date AND x."al" >= ${today}::date) AS "sostituisce"
    FROM (SELECT ${wanted.sid ?? null}::text AS "sid", ${wanted.userId ?? null}::text AS "userId") w
    LEFT JOIN "Session" s ON s."sid" = w."sid"
    LEFT JOIN "User" u ON u."id" = COALESCE(w."userId", s."data"->>'userId')`;
  return row;
}

/** The actor of an identity row whose person exists. */
export function actorOfRow(row: IdentityRow & { id: string }): Actor {
  return { userId: row.id, codiceFiscale: row.codiceFiscale, nomeCompleto: `${row.nome} ${row.cognome}`, roles: row.roles, sostituisce: row.sostituisce };
}

/** The actor for a user id; a 401 if the user no longer exists, since the session then means nothing. */
export async function loadActor(db: Db, userId: string): Promise<Actor> {
  const row = await readIdentity(db, { userId });
  if (!row?.id) throw notSignedIn();
  return actorOfRow(row as IdentityRow & { id: string });
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

/** The person read with the request's session, in the same statement (./session-store.ts). */
export const actorReadWithSession = new WeakMap<Request, Actor>();

export function requireActorMiddleware(db: Db): RequestHandler {
  return async (req, _res, next) => {
    const userId = req.session?.userId;
    if (!userId) throw notSignedIn();
    const read = actorReadWithSession.get(req);
    req.actor = read?.userId === userId ? read : await loadActor(db, userId);
    next();
  };
}
