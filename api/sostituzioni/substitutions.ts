// Substitutes, as public offices name them for holidays: a person away names a colleague with one of their
// roles (same ente, same role) to receive their tasks from one day to another. On those days the
// colleague sees the absent person's tasks as their own and may take and complete them; the workflows
// check it with the actor (`Actor.sostituisce`), read afresh on every request like the roles.
import type { Prisma } from '../../prisma/generated/client';

/** Today in Italy, as the date column holds it (midnight UTC of that day). */
export function todayInItaly(now = new Date()): Date {
  const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return new Date(`${day}T00:00:00Z`);
}

/** The substitutions in force on a day (today in Italy by default). */
export function onDay(now = new Date()): Prisma.SubstitutionWhereInput {
  const today = todayInItaly(now);
  return { dal: { lte: today }, al: { gte: today } };
}
