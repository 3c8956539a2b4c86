import { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../auth';
import { notFound } from '../errors';
import { readsProcedureItem } from '../read-access';
import type { ApiRuntime } from '../runtime';
import { parse } from '../validation';

export const ZId = z.object({ id: z.string().uuid('identificativo non valido') });

/** A PEC the platform sent, with the receipts of the PEC system, for those who may see its procedure. */
export function pecRoutes(runtime: ApiRuntime): Router {
  const router = Router();
  router.get('/pec/:id', async (req, res) => {
    const { id } = parse(ZId, req.params);
    const row = await runtime.db.pecMessage.findUnique({ where: { id }, select: { enteId: true, workflowId: true } });
    if (!row || !(await readsProcedureItem(runtime, actorOf(req), row))) throw notFound('PEC');
    res.json(await runtime.pec.status(id));
  });
  return router;
}
