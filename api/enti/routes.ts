import { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../auth';
import type { ApiRuntime } from '../runtime';
import { optionalQuery, parse, text } from '../validation';
import { readableEntiWhere } from '../read-access';
import type { Ente } from './views';

export const ZEntiQuery = z.object({
  q: optionalQuery(text().trim().max(100)),
  tipo: optionalQuery(z.enum(['REGIONE', 'COMUNE', 'ARCA', 'ALER', 'ALTRO'])),
  /** One ente by id (a filter restored from a page's address). */
  id: optionalQuery(z.string().uuid('ente non valido')),
});

export function entiRoutes(runtime: ApiRuntime): Router {
  const router = Router();
  router.get('/enti', async (req, res) => {
    const query = parse(ZEntiQuery, req.query);
    const items = await runtime.db.ente.findMany({
      where: {
        AND: [
          readableEntiWhere(actorOf(req), runtime.regioneEnteId),
          query.q ? { OR: [{ denominazione: { contains: query.q, mode: 'insensitive' } }, { codice: { startsWith: query.q } }] } : {},
          query.tipo ? { tipo: query.tipo } : {},
          query.id ? { id: query.id } : {},
        ],
      },
      select: { id: true, codice: true, denominazione: true, tipo: true, stato: true },
      orderBy: { denominazione: 'asc' },
      take: 50,
    });
    const answer: { items: Ente[] } = { items };
    res.json(answer);
  });
  return router;
}
