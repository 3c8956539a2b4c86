// The stock for people: the units as of a date (the list, its Excel export, the summary), a building
// with its history, and the buildings on a map. Read-only projections of activities/stock; every
// query runs within the caller's visibility (scope.ts).
import { Router } from 'express';
import { z } from 'zod';
import { buildingChanges, buildingHistory, buildingsForMap, stockAsOf, summaryAsOf } from '../../activities/stock';
import { actorOf } from '../auth';
import { AppError, notFound } from '../errors';
import type { ApiRuntime } from '../runtime';
import { parse, text } from '../validation';
import { ExportJobs, type ExportJob } from './exports';
import { toSort, toStockFilter, ZStockFilter, ZStockPage } from './query';
import { seesStockOf, stockCall, visibleStockEnti } from './scope';

export const ZBuilding = z.object({
  enteId: z.string().uuid('ente non valido'),
  codice: text().min(1).max(100, 'codice dell’edificio non valido'),
});
export const ZBuildingQuery = ZStockFilter.pick({ data: true });
export const ZExport = z.object({ id: z.string().uuid('esportazione non valida') });

const exportView = (job: ExportJob) => ({
  id: job.id,
  stato: job.stato,
  scritte: job.scritte,
  totale: job.totale,
  fileUrl: job.stato === 'PRONTA' ? `/api/patrimonio/esportazioni/${job.id}/file` : null,
});

export function patrimonioRoutes(runtime: ApiRuntime): Router {
  const router = Router();
  const { db } = runtime;
  const exportJobs = new ExportJobs(db, runtime.background);
  const visible = (req: Parameters<typeof actorOf>[0]) => visibleStockEnti(actorOf(req), runtime.regioneEnteId);

  router.get('/patrimonio/unita', async (req, res) => {
    const enteIds = visible(req);
    const query = parse(ZStockPage, req.query);
    const filter = toStockFilter(query, enteIds);
    const page = await stockCall(() => stockAsOf(db, { ...filter, sort: toSort(query.ordina), page: query.pagina, pageSize: query.perPagina }));
    res.json({ data: filter.date, items: page.items, total: page.total });
  });

  /** The page header's figures: by state, use, ente, for the visible stock (or one ente's) as of the date. */
  router.get('/patrimonio/riepilogo', async (req, res) => {
    const enteIds = visible(req);
    const query = parse(ZStockFilter.pick({ data: true, ente: true }), req.query);
    const { date } = toStockFilter(query, enteIds);
    const scope = query.ente ? (seesStockOf(enteIds, query.ente) ? [query.ente] : []) : enteIds;
    res.json(await stockCall(() => summaryAsOf(db, { date, enteIds: scope })));
  });

  /** Buildings with coordinates, filtered like the list: those with at least one matching unit. */
  router.get('/patrimonio/mappa', async (req, res) => {
    const filter = toStockFilter(parse(ZStockFilter, req.query), visible(req));
    const items = await stockCall(() => buildingsForMap(db, filter));
    res.json({ data: filter.date, items });
  });

  /** A building as of the date (its data and units) and through every snapshot of its ente, with what changed. */
  router.get('/patrimonio/edifici/:enteId/:codice', async (req, res) => {
    const enteIds = visible(req);
    const { enteId, codice } = parse(ZBuilding, req.params);
    const { date } = toStockFilter(parse(ZBuildingQuery, req.query), enteIds);
    if (!seesStockOf(enteIds, enteId)) throw notFound('Edificio');
    const [{ history }, ente] = await Promise.all([
      buildingHistory(db, { enteId, codice }),
      db.ente.findUnique({ where: { id: enteId }, select: { id: true, codice: true, denominazione: true, tipo: true } }),
    ]);
    if (!ente || history.length === 0) throw notFound('Edificio');
    // Null when the building entered the ente's stock after the date: the page still shows its history.
    const current = history.filter((entry) => entry.dataRiferimento <= date).at(-1) ?? null;
    const { istatComune } = (current ?? history.at(-1)!).building;
    const comune = await db.ente.findFirst({ where: { tipo: 'COMUNE', codice: istatComune }, select: { denominazione: true } });
    res.json({
      data: date,
      ente,
      codice,
      comune: comune?.denominazione.replace(/^Comune di /, '') ?? null,
      corrente: current,
      storia: buildingChanges(history),
    });
  });

  router.post('/patrimonio/esportazioni', (req, res) => {
    const enteIds = visible(req);
    const filter = toStockFilter(parse(ZStockFilter, req.body ?? {}), enteIds);
    const job = exportJobs.start(actorOf(req).userId, filter);
    res.status(202).json(exportView(job));
  });

  router.get('/patrimonio/esportazioni/:id', (req, res) => {
    const { id } = parse(ZExport, req.params);
    res.json(exportView(exportJobs.get(actorOf(req).userId, id)));
  });

  router.get('/patrimonio/esportazioni/:id/file', (req, res, next) => {
    const { id } = parse(ZExport, req.params);
    const job = exportJobs.get(actorOf(req).userId, id);
    if (job.stato !== 'PRONTA') {
      throw new AppError('ESPORTAZIONE_NON_PRONTA', 409, job.stato === 'ERRORE' ? 'L’esportazione non è riuscita: avviala di nuovo.' : 'L’esportazione è ancora in corso.');
    }
    res.download(job.file, job.filename, { headers: { 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } }, (error) => {
      if (error && !res.headersSent) next(error);
    });
  });

  return router;
}
