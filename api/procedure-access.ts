import { isRegioneUser, type Actor } from '../workflows/shared/actor';
import type { ApiRuntime } from './runtime';

/**
 * Whether the actor may see what belongs to a procedure of an ente: Regione roles and the ente's people
 * always; the person who requested an accreditation also before the ente exists for them.
 */
export async function seesProcedure(runtime: ApiRuntime, actor: Actor, owner: { enteId: string | null; workflowId: string | null }): Promise<boolean> {
  if (isRegioneUser(actor, runtime.regioneEnteId)) return true;
  if (owner.enteId && actor.roles.some((grant) => grant.enteId === owner.enteId)) return true;
  if (!owner.workflowId) return false;
  const requested = await runtime.db.accreditationRequest.count({ where: { workflowId: owner.workflowId, richiedenteId: actor.userId } });
  return requested > 0;
}
