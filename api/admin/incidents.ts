import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { isAdministrator } from '../../workflows/shared/actor';
import { resolveIncidentUpdate } from '../../workflows/shared/incidents';
import { actorOf } from '../auth';
import { forbidden, notFound } from '../errors';
import { namesOf } from '../people';
import type { ApiRuntime } from '../runtime';
import { sendUpdate } from '../workflow-updates';
import { optionalQuery, parse, text } from '../validation';
import type { Incidente } from './views';

export const ZListQuery = z.object({ stato: optionalQuery(z.enum(['APERTO', 'RITENTATO', 'RISOLTO'])) });
export const ZId = z.object({ id: z.string().uuid('identificativo non valido') });
export const ZRetry = z.object({ nota: text().trim().max(2000, 'al massimo 2000 caratteri').optional() });
export const ZResolve = z.object({ nota: text('spiega come è stato risolto').trim().min(3, 'spiega come è stato risolto').max(2000, 'al massimo 2000 caratteri') });

/** Incidents of every procedure, for administrators: what failed, where, and what was done about it. */
export function incidentRoutes(runtime: ApiRuntime): Router {
  const router = Router();
  const { db } = runtime;
  const requireAdministrator: RequestHandler = (req, _res, next) => {
    if (!isAdministrator(actorOf(req), runtime.regioneEnteId)) throw forbidden('Riservato agli amministratori della piattaforma.');
    next();
  };

  router.get('/admin/incidenti', requireAdministrator, async (req, res) => {
    const { stato } = parse(ZListQuery, req.query);
    const rows = await db.incident.findMany({ where: stato ? { stato } : {}, orderBy: { createdAt: 'desc' }, take: 200 });
    const [people, enti] = await Promise.all([
      namesOf(db, rows.map((row) => row.closedById)),
      db.ente.findMany({ where: { id: { in: rows.map((row) => row.enteId).filter((id): id is string => id !== null) } }, select: { id: true, denominazione: true } }),
    ]);
    const names = new Map(enti.map((ente) => [ente.id, ente.denominazione]));
    const answer: { items: Incidente[] } = {
      items: rows.map(({ closedById, ...row }) => ({
        ...row,
        enteDenominazione: row.enteId ? (names.get(row.enteId) ?? null) : null,
        chiusoDa: closedById ? (people.get(closedById) ?? null) : null,
        createdAt: row.createdAt.toISOString(),
        closedAt: row.closedAt?.toISOString() ?? null,
      })),
    };
    res.json(answer);
  });

  const answer = (azione: 'RIPROVA' | 'RISOLTO', schema: typeof ZRetry | typeof ZResolve) =>
    async (req: Parameters<RequestHandler>[0], res: Parameters<RequestHandler>[1]) => {
      const { id } = parse(ZId, req.params);
      const { nota } = parse(schema, req.body);
      const incident = await db.incident.findUnique({ where: { id } });
      if (!incident) throw notFound('Incidente');
      const actor = actorOf(req);
      await sendUpdate(() => runtime.temporal.workflow.getHandle(incident.workflowId).executeUpdate(resolveIncidentUpdate, { args: [{ incidentId: id, azione, nota, actor }] }));
      res.json({ ok: true });
    };
  router.post('/admin/incidenti/:id/riprova', requireAdministrator, answer('RIPROVA', ZRetry));
  router.post('/admin/incidenti/:id/risolvi', requireAdministrator, answer('RISOLTO', ZResolve));
  return router;
}
