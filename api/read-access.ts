// Who may read what: one module for every endpoint that reads an ente's matters. The Region's people read
// everything; anyone else the enti they hold a role for; and the things of a procedure (its documents, its
// PEC) also whoever may act on one of its tasks — the Comune capofila acting for a member of its ambito,
// the person a procedure named (the applicant of an accreditation, before their ente is theirs).
import type { Prisma } from '../prisma/generated/client';
import { isRegioneUser, type Actor } from '../workflows/shared/actor';
import type { ApiRuntime } from './runtime';
import { candidacyWhere } from './tasks/visibility';

/** The enti whose data an actor reads: undefined for all of them (the Region). */
export function readableEnteIds(actor: Actor, regioneEnteId: string): string[] | undefined {
  if (isRegioneUser(actor, regioneEnteId)) return undefined;
  return [...new Set(actor.roles.map((grant) => grant.enteId))];
}

export function readsEnte(actor: Actor, enteId: string, regioneEnteId: string): boolean {
  const readable = readableEnteIds(actor, regioneEnteId);
  return readable === undefined || readable.includes(enteId);
}

/** The enti an actor reads, as a query on Ente (and on what belongs to one). */
export function readableEntiWhere(actor: Actor, regioneEnteId: string): Prisma.EnteWhereInput {
  const readable = readableEnteIds(actor, regioneEnteId);
  return readable === undefined ? {} : { id: { in: readable } };
}

/**
 * Whether the actor may read a thing of a procedure (a document, a PEC): one of no ente is the Region's
 * alone; one of an ente its readers'; and, for a procedure, whoever may act on (or was named for) one of
 * its tasks, or requested its accreditation.
 */
export async function readsProcedureItem(runtime: Pick<ApiRuntime, 'db' | 'regioneEnteId'>, actor: Actor, item: { enteId: string | null; workflowId: string | null }): Promise<boolean> {
  if (isRegioneUser(actor, runtime.regioneEnteId)) return true;
  if (item.enteId && readsEnte(actor, item.enteId, runtime.regioneEnteId)) return true;
  if (!item.workflowId) return false;
  const [requested, acting] = await Promise.all([
    runtime.db.accreditationRequest.count({ where: { workflowId: item.workflowId, richiedenteId: actor.userId } }),
    runtime.db.task.count({ where: { workflowId: item.workflowId, OR: [...candidacyWhere(actor), { assigneeId: actor.userId }] } }),
  ]);
  return requested + acting > 0;
}
