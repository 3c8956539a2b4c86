import type { Prisma } from '../../prisma/generated/client';
import { COVERED_ROLES, isAdministrator, type Actor, type Area, type Ruolo } from '../../workflows/shared/actor';

/**
 * The tasks an actor may take: grantCovers (workflows/shared/actor.ts) as a query. Grants of one ente and
 * one role are one condition with their areas together (a referente for two areas): one condition per ente
 * and role lets the database read a group's open tasks in due-date order from its index.
 */
export function candidacyWhere(actor: Actor): Prisma.TaskWhereInput[] {
  const groups = new Map<string, { enteId: string; ruolo: Ruolo; areas: (Area | null)[] }>();
  for (const grant of actor.roles) {
    const key = `${grant.enteId}/${grant.ruolo}`;
    const group = groups.get(key) ?? { enteId: grant.enteId, ruolo: grant.ruolo, areas: [] };
    group.areas.push(grant.area);
    groups.set(key, group);
  }
  return [...groups.values()].map(({ enteId, ruolo, areas }) => ({
    candidateEnteId: enteId,
    candidateRole: { in: [...COVERED_ROLES[ruolo]] },
    // A grant without an area covers every area; otherwise a task for no area, or for one of theirs.
    ...(areas.includes(null) ? {} : { OR: [{ candidateArea: null }, { candidateArea: { in: areas as Area[] } }] }),
  }));
}

const ASSIGNMENT_CHANGES: Prisma.TaskEventWhereInput = { tipo: { in: ['PRESA_IN_CARICO', 'RIASSEGNATA', 'RILASCIATA'] } };

/** Tasks whose assignee the procedure itself named (the applicant of an integration): they hold it with no role. */
export const namedAssignment: Prisma.TaskWhereInput = { events: { none: ASSIGNMENT_CHANGES } };

/** Tasks someone took or was given by a person: the assignee holds them only while their roles cover them. */
export const claimedAssignment: Prisma.TaskWhereInput = { events: { some: ASSIGNMENT_CHANGES } };

/**
 * What an actor may see: tasks their roles of the moment cover, tasks the procedure named them for, tasks
 * they completed, and those of colleagues away whom they substitute; administrators see all, read-only. A task claimed under a role since revoked is
 * not among them: its holder loses it at once.
 */
export function visibleWhere(actor: Actor, regioneEnteId: string): Prisma.TaskWhereInput {
  if (isAdministrator(actor, regioneEnteId)) return {};
  return { OR: [...candidacyWhere(actor), { assigneeId: actor.userId, ...namedAssignment }, { completedById: actor.userId }, ...substitutedWhere(actor)] };
}

/**
 * The open tasks of the colleagues away whom the actor substitutes today (api/sostituzioni), those their
 * own roles cover: empty when they substitute nobody.
 */
export function substitutedWhere(actor: Actor): Prisma.TaskWhereInput[] {
  const absent = actor.sostituisce ?? [];
  return absent.length > 0 ? [{ stato: 'APERTA', assigneeId: { in: absent }, OR: candidacyWhere(actor) }] : [];
}
