// Who may see and act on an ente's transmissions of its stock: the ente's people and the Region see
// them; its legal representative and PATRIMONIO referenti transmit — and, for a member Comune of an
// ambito in a campaign that says so, the people of the Comune capofila the transmission's task is for
// (api/read-access.ts, api/tasks/visibility.ts). Every flussi route goes through here.
import { z } from 'zod';
import type { Db } from '../../prisma/client';
import type { Actor } from '../../workflows/shared/actor';
import { readsEnte, readsProcedureItem } from '../read-access';
import { candidacyWhere } from '../tasks/visibility';
import { notFound } from '../errors';
import { isCalendarDate } from '../validation';

const WORKFLOW_ID = /^invio-flussi-([0-9a-f-]{36})-(\d{4}-\d{2}-\d{2})$/;
export const ZWorkflow = z.object({
  workflowId: z.string().regex(WORKFLOW_ID, 'procedura di trasmissione non valida').refine((id) => isCalendarDate(id.slice(-10)), 'procedura di trasmissione non valida'),
});
export const ZUpload = z.object({ uploadId: z.string().uuid('caricamento non valido') });

/** Who may transmit an ente's stock of their own: its legal representative and its PATRIMONIO referenti. */
export const transmits = (actor: Actor, enteId: string) =>
  actor.roles.some((grant) => grant.enteId === enteId && (grant.ruolo === 'RAPPRESENTANTE_LEGALE' || (grant.ruolo === 'REFERENTE' && grant.area === 'PATRIMONIO')));

export function flussiAccess(db: Db, regioneEnteId: string) {
  /** The procedure's ente and date, if the actor may see it (the ente's people, the Region, whoever acts on its task); else 404. */
  const visibleProcedure = async (actor: Actor, workflowId: string) => {
    const [, enteId, dataRiferimento] = WORKFLOW_ID.exec(workflowId)!;
    const sees = readsEnte(actor, enteId!, regioneEnteId) || (await readsProcedureItem({ db, regioneEnteId }, actor, { enteId: enteId!, workflowId }));
    if (!sees) throw notFound('Trasmissione');
    return { enteId: enteId!, dataRiferimento: dataRiferimento! };
  };

  /** Whether the actor transmits for this procedure: the ente's own, or the people its open task is for (a capofila). */
  const transmitsFor = async (actor: Actor, workflowId: string, enteId: string) =>
    transmits(actor, enteId) || (await db.task.count({ where: { workflowId, stato: 'APERTA', OR: candidacyWhere(actor) } })) > 0;

  /** An upload's attempt, if the actor may see its procedure; else 404. */
  const visibleUpload = async (actor: Actor, uploadId: string) => {
    const row = await db.flussoUpload.findUnique({ where: { id: uploadId } });
    if (!row) throw notFound('Caricamento');
    await visibleProcedure(actor, row.workflowId);
    return row;
  };

  return { visibleProcedure, visibleUpload, transmitsFor };
}
