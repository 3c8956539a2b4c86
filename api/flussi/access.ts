// Who may see and act on an ente's transmissions of its stock: the ente's people and the Region see
// them; its legal representative and PATRIMONIO referenti transmit. Every flussi route goes through here.
import { z } from 'zod';
import type { Db } from '../../prisma/client';
import type { Actor } from '../../workflows/shared/actor';
import { readsEnte } from '../read-access';
import { notFound } from '../errors';
import { isCalendarDate } from '../validation';

const WORKFLOW_ID = /^invio-flussi-([0-9a-f-]{36})-(\d{4}-\d{2}-\d{2})$/;
export const ZWorkflow = z.object({
  workflowId: z.string().regex(WORKFLOW_ID, 'procedura di trasmissione non valida').refine((id) => isCalendarDate(id.slice(-10)), 'procedura di trasmissione non valida'),
});
export const ZUpload = z.object({ uploadId: z.string().uuid('caricamento non valido') });

/** Who may transmit an ente's stock: its legal representative and its PATRIMONIO referenti. */
export const transmits = (actor: Actor, enteId: string) =>
  actor.roles.some((grant) => grant.enteId === enteId && (grant.ruolo === 'RAPPRESENTANTE_LEGALE' || (grant.ruolo === 'REFERENTE' && grant.area === 'PATRIMONIO')));

export function flussiAccess(db: Db, regioneEnteId: string) {
  /** The procedure's ente and date, if the actor may see it (the ente's people and the Region); else 404. */
  const visibleProcedure = (actor: Actor, workflowId: string) => {
    const [, enteId, dataRiferimento] = WORKFLOW_ID.exec(workflowId)!;
    const sees = readsEnte(actor, enteId!, regioneEnteId);
    if (!sees) throw notFound('Trasmissione');
    return { enteId: enteId!, dataRiferimento: dataRiferimento! };
  };

  /** An upload's attempt, if the actor may see its procedure; else 404. */
  const visibleUpload = async (actor: Actor, uploadId: string) => {
    const row = await db.flussoUpload.findUnique({ where: { id: uploadId } });
    if (!row) throw notFound('Caricamento');
    visibleProcedure(actor, row.workflowId);
    return row;
  };

  return { visibleProcedure, visibleUpload };
}
