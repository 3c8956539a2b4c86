import { Router } from 'express';
import type { ApiRuntime } from '../runtime';
import type { Comune } from '../enti/views';

/** Public reference data every signed-in user may read: the Comuni of the Region, for forms. */
export function referenceRoutes(runtime: ApiRuntime): Router {
  const router = Router();
  router.get('/riferimenti/comuni', async (_req, res) => {
    const comuni = await runtime.db.ente.findMany({
      where: { tipo: 'COMUNE', istatComune: { not: null } },
      select: { istatComune: true, denominazione: true, provincia: true, siglaProvincia: true },
      orderBy: { denominazione: 'asc' },
    });
    // The where clause keeps Comuni with an ISTAT code; the seed gives every Comune its province.
    const answer: { items: Comune[] } = {
      items: comuni.map((comune) => ({
        istat: comune.istatComune!,
        nome: comune.denominazione.replace(/^Comune di /, ''),
        provincia: comune.provincia ?? '',
        siglaProvincia: comune.siglaProvincia ?? '',
      })),
    };
    res.json(answer);
  });
  return router;
}
