import type { Db } from '../prisma/client';

/** Full names of users by id, for lists that show who did what. */
export async function namesOf(db: Db, ids: (string | null)[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((id): id is string => id !== null))];
  const users = await db.user.findMany({ where: { id: { in: unique } }, select: { id: true, nome: true, cognome: true } });
  return new Map(users.map((user) => [user.id, `${user.nome} ${user.cognome}`]));
}
