// Where a procedure lives for the people who work on it: the page of the request, the communication, the
// transmission or the campaign that the administrator's procedure page links to.
import type { Db } from '../../prisma/client';

export async function businessPageOf(db: Db, tipo: string, workflowId: string): Promise<string | null> {
  if (tipo === 'invio-flussi') return `/flussi/${encodeURIComponent(workflowId)}`;
  const [request, communication, campaign] = await Promise.all([
    tipo === 'accreditamento-ente' ? db.accreditationRequest.findUnique({ where: { workflowId }, select: { id: true } }) : null,
    tipo === 'invio-generico' ? db.communication.findUnique({ where: { workflowId }, select: { id: true } }) : null,
    tipo === 'ricognizione-patrimoniale' ? db.ricognizione.findUnique({ where: { workflowId }, select: { id: true } }) : null,
  ]);
  if (request) return `/accreditamenti/${request.id}`;
  if (communication) return `/comunicazioni/${communication.id}`;
  if (campaign) return `/ricognizioni/${campaign.id}`;
  return null;
}
