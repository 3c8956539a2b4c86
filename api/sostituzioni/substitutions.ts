// Substitutes, as public offices name them for holidays: a person away names a colleague with one of their
// roles (same ente, same role) to receive their tasks from one day to another. On those days the
// colleague sees the absent person's tasks as their own and may take and complete them; the workflows
// check it with the actor (`Actor.sostituisce`), read afresh on every request like the roles.

// Built once: every request reads today's substitutions, and building a formatter costs far more than using it.
const ITALIAN_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in Italy as YYYY-MM-DD. */
export const isoDayInItaly = (now = new Date()): string => ITALIAN_DAY.format(now);

/** Today in Italy, as the date column holds it (midnight UTC of that day). */
export function todayInItaly(now = new Date()): Date {
  return new Date(`${isoDayInItaly(now)}T00:00:00Z`);
}
