import { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../auth';
import { notFound } from '../errors';
import { readsProcedureItem } from '../read-access';
import type { ApiRuntime } from '../runtime';
import { parse } from '../validation';
import type { PecMessaggio } from './views';

export const ZId = z.object({ id: z.string().uuid('identificativo non valido') });

/** A PEC the platform sent, with the receipts of the PEC system, for those who may see its procedure. */
export function pecRoutes(runtime: ApiRuntime): Router {
  const router = Router();
  router.get('/pec/:id', async (req, res) => {
    const { id } = parse(ZId, req.params);
    const row = await runtime.db.pecMessage.findUnique({ where: { id }, select: { enteId: true, workflowId: true, testo: true } });
    if (!row || !(await readsProcedureItem(runtime, actorOf(req), row))) throw notFound('PEC');
    const { from, to, subject, receipts, ...status } = await runtime.pec.status(id);
    const view: PecMessaggio = {
      id,
      messageId: status.messageId,
      mittente: from,
      destinatario: to,
      oggetto: subject,
      testo: row.testo,
      stato: status.stato,
      errore: status.errore,
      sentAt: status.sentAt,
      acceptedAt: status.acceptedAt,
      deliveredAt: status.deliveredAt,
      failedAt: status.failedAt,
      workflowId: status.workflowId,
      receipts: receipts.map(({ id: receiptId, tipo, receivedAt, daticert, documentId }) => ({ id: receiptId, tipo, receivedAt, daticert, documentId })),
    };
    res.json(view);
  });
  return router;
}
