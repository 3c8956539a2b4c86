import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import type { Db } from '../../prisma/client';
import { isAdministrator } from '../../workflows/shared/actor';
import { resolveIncidentUpdate } from '../../workflows/shared/incidents';
import { TASK_FAILURE } from '../../workflows/shared/tasks';
import { actorOf } from '../auth';
import { AppError, forbidden, notFound } from '../errors';
import { namesOf } from '../people';
import type { ApiRuntime } from '../runtime';
import { sendUpdate } from '../workflow-updates';
import { optionalQuery, parse, text } from '../validation';
import type { Incidente } from './views';

export const ZListQuery = z.object({ stato: optionalQuery(z.enum(['APERTO', 'RITENTATO', 'RISOLTO'])) });
export const ZId = z.object({ id: z.string().uuid('identificativo non valido') });
export const ZRetry = z.object({
  nota: text().trim().max(2000, 'al massimo 2000 caratteri').optional(),
  /** The corrected address, for an incident of a PEC that could not be delivered. */
  pec: text().trim().toLowerCase().email('indirizzo PEC non valido').max(200, 'al massimo 200 caratteri').optional(),
});
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

  /** The administrator's answer, sent to the incident's procedure; a corrected PEC address goes with a retry. */
  async function answer(req: Parameters<RequestHandler>[0], id: string, azione: 'RIPROVA' | 'RISOLTO', nota: string | undefined, pec?: string): Promise<void> {
    const incident = await db.incident.findUnique({ where: { id } });
    if (!incident) throw notFound('Incidente');
    const actor = actorOf(req);
    if (pec !== undefined) await correctEntePec(db, incident, pec, actor.userId);
    // The same address again is a plain retry.
    const correction = pec !== undefined && pec !== incident.pec ? { pec } : {};
    await sendUpdate(() => runtime.temporal.workflow.getHandle(incident.workflowId).executeUpdate(resolveIncidentUpdate, {
      args: [{ incidentId: id, azione, nota, actor, ...correction }],
    }));
  }
  router.post('/admin/incidenti/:id/riprova', requireAdministrator, async (req, res) => {
    const { id } = parse(ZId, req.params);
    const { nota, pec } = parse(ZRetry, req.body);
    await answer(req, id, 'RIPROVA', nota, pec);
    res.json({ ok: true });
  });
  router.post('/admin/incidenti/:id/risolvi', requireAdministrator, async (req, res) => {
    const { id } = parse(ZId, req.params);
    const { nota } = parse(ZResolve, req.body);
    await answer(req, id, 'RISOLTO', nota);
    res.json({ ok: true });
  });
  return router;
}

/**
 * Before a retry to a corrected address: the incident must be an open one about a PEC address; the ente's
 * registry takes the corrected address too when it held the failed one (or none), with its audit row; so
 * does the accreditation request whose procedure it is, or its approval would write the failed one back.
 */
async function correctEntePec(db: Db, incident: { id: string; workflowId: string; pec: string | null; stato: string; enteId: string | null }, pec: string, actorId: string): Promise<void> {
  if (!incident.pec) throw new AppError(TASK_FAILURE.invalidDecision, 422, 'pec: questo incidente non riguarda un indirizzo PEC da correggere', 'pec');
  if (incident.stato !== 'APERTO') throw new AppError(TASK_FAILURE.notOpen, 409, "L'incidente non è più aperto.");
  if (pec === incident.pec) return;
  const { enteId } = incident;
  // One transaction: a crash leaves the request and the registry both corrected, or neither.
  await db.$transaction(async (tx) => {
    await tx.accreditationRequest.updateMany({ where: { workflowId: incident.workflowId, pec: { equals: incident.pec!, mode: 'insensitive' } }, data: { pec } });
    if (!enteId) return;
    // The condition in the write itself: an address changed meanwhile by someone else is left alone.
    const { count } = await tx.ente.updateMany({
      where: { id: enteId, OR: [{ pec: null }, { pec: '' }, { pec: { equals: incident.pec!, mode: 'insensitive' } }] },
      data: { pec },
    });
    if (count === 0) return;
    await tx.auditEvent.create({
      data: { actorId, enteId, azione: 'ENTE_PEC_CORRETTA', oggetto: `ente:${enteId}`, details: { incidenteId: incident.id, prima: incident.pec, dopo: pec } },
    });
  });
}
