// Substitutes, as public offices name them for holidays: a person away names a colleague with one of their
// roles (same ente, same role) to receive their tasks from one day to another. On those days the
// colleague sees the absent person's tasks as their own and may take and complete them; the workflows
// check it with the actor (`Actor.sostituisce`), read afresh on every request like the roles.
import type { Db } from '../../prisma/client';

/** Today in Italy, as the date column holds it (midnight UTC of that day). */
export function todayInItaly(now = new Date()): Date {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return new Date(`${day}T00:00:00Z`);
}

/** The people away today whom `userId` substitutes. */
export async function absentColleaguesOf(db: Db, userId: string, now = new Date()): Promise<string[]> {
  const today = todayInItaly(now);
  const rows = await db.substitution.findMany({
    where: { sostitutoId: userId, dal: { lte: today }, al: { gte: today } },
    select: { titolareId: true },
  });
  return [...new Set(rows.map((row) => row.titolareId))];
}
