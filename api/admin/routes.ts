import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { isAdministrator } from '../../workflows/shared/actor';
import { actorOf } from '../auth';
import { forbidden } from '../errors';
import type { ApiRuntime } from '../runtime';
import { optionalQuery, parse, text } from '../validation';
import { EXECUTION_STATUSES, listProcedures, procedureDetail } from './procedures';
import { aggiornaRiferimentiComune, comuniRiferimento, ZComuneId, ZComuniQuery, ZRiferimentiComune } from './riferimenti-comuni';

export const ZProcedureQuery = z.object({
  tipo: optionalQuery(text().max(100)),
  ente: optionalQuery(z.string().uuid()),
  stato: optionalQuery(text().max(100)),
  esecuzione: optionalQuery(z.enum(EXECUTION_STATUSES)),
  pageToken: optionalQuery(z.string().max(2000).regex(/^[A-Za-z0-9_-]+$/, 'pagina non valida, riparti dalla prima')),
});

export const ZWorkflowId = z.object({ workflowId: text().min(1).max(300) });

export function adminRoutes(runtime: ApiRuntime): Router {
  const router = Router();
  const requireAdministrator: RequestHandler = (req, _res, next) => {
    if (!isAdministrator(actorOf(req), runtime.regioneEnteId)) throw forbidden('Riservato agli amministratori della piattaforma.');
    next();
  };
  router.get('/admin/procedure', requireAdministrator, async (req, res) => {
    res.json(await listProcedures(runtime, parse(ZProcedureQuery, req.query)));
  });
  router.get('/admin/procedure/:workflowId', requireAdministrator, async (req, res) => {
    res.json(await procedureDetail(runtime, parse(ZWorkflowId, req.params).workflowId));
  });
  router.get('/admin/comuni', requireAdministrator, async (req, res) => {
    res.json(await comuniRiferimento(runtime.db, parse(ZComuniQuery, req.query)));
  });
  router.put('/admin/comuni/:id', requireAdministrator, async (req, res) => {
    const { id } = parse(ZComuneId, req.params);
    const valori = parse(ZRiferimentiComune, req.body);
    res.json(await aggiornaRiferimentiComune(runtime.db, id, valori, actorOf(req).userId));
  });
  return router;
}
