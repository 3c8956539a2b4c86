import { Router } from 'express';
import type { ApiRuntime } from '../runtime';

/** Public reference data every signed-in user may read: the Comuni of the Region, for forms. */
export function referenceRoutes(runtime: ApiRuntime): Router {
  const router = Router();
  router.get('/riferimenti/comuni', async (_req, res) => {
    const comuni = await runtime.db.ente.findMany({
      where: { tipo: 'COMUNE', istatComune: { not: null } },
      select: { istatComune: true, denominazione: true, provincia: true, siglaProvincia: true },
      orderBy: { denominazione: 'asc' },
    });
    res.json({
      items: comuni.map((comune) => ({
        istat: comune.istatComune,
        nome: comune.denominazione.replace(/^Comune di /, ''),
        provincia: comune.provincia,
        siglaProvincia: comune.siglaProvincia,
      })),
    });
  });
  return router;
}
