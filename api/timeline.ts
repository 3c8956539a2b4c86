import type { Db } from '../prisma/client';
import type { Prisma } from '../prisma/generated/client';
import { auditActionLabel } from '../workflows/shared/procedures';
import { namesOf } from './people';
import type { TimelineEntry } from './tasks/views';


function describe(details: Prisma.JsonValue): string {
  const value = (details ?? {}) as Record<string, unknown>;
  if (typeof value.numero === 'number') return `Protocollo n. ${value.numero}/${String(value.anno)}`;
  if (typeof value.note === 'string' && value.note) return value.note;
  if (typeof value.titolo === 'string') return value.titolo;
  return '';
}

/** The story of a procedure, from the audit trail: every row written for it carries its workflowId. */
export async function procedureTimeline(db: Db, workflowId: string): Promise<TimelineEntry[]> {
  const entries = await db.auditEvent.findMany({
    where: { details: { path: ['workflowId'], equals: workflowId } },
    orderBy: { at: 'asc' },
  });
  const people = await namesOf(db, entries.map((entry) => entry.actorId));
  return entries.map((entry) => ({
    at: entry.at.toISOString(),
    titolo: auditActionLabel(entry.azione),
    descrizione: describe(entry.details),
    actor: entry.actorId ? (people.get(entry.actorId) ?? null) : null,
  }));
}
