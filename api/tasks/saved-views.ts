// Saved named inbox views: a person keeps the tab, filters and sort they use every day under a name of
// their own («Scadute del mio ufficio»), and opens them again from the inbox. Only theirs: another
// person's view is not found.
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../prisma/client';
import { actorOf } from '../auth';
import { AppError } from '../errors';
import type { ApiRuntime } from '../runtime';
import { parse, text } from '../validation';
import type { SavedTaskViewSummary } from './views';

const MAX_VIEWS = 30;

/** What a view keeps: the inbox's URL query, page aside (a view opens on its first page). */
export const ZSavedViewQuery = z.strictObject({
  vista: text().max(20).optional(),
  q: text().max(100).optional(),
  procedura: text().max(100).optional(),
  ente: text().max(40).optional(),
  stato: text().max(20).optional(),
  scadenza: text().max(20).optional(),
  ordina: text().max(20).optional(),
  perPagina: text().max(4).optional(),
}, { error: 'contiene un parametro che una vista non conserva' });

export const ZSaveView = z.object({
  nome: text('dai un nome alla vista').trim().min(1, 'dai un nome alla vista').max(60, 'al massimo 60 caratteri'),
  query: ZSavedViewQuery,
});
export const ZViewId = z.object({ id: z.string().uuid('identificativo di vista non valido') });

const toSummary = (view: { id: string; nome: string; query: unknown }): SavedTaskViewSummary => ({ id: view.id, nome: view.nome, query: view.query as Record<string, string> });

async function listViews(db: Db, userId: string): Promise<SavedTaskViewSummary[]> {
  const views = await db.savedTaskView.findMany({ where: { userId }, orderBy: { nome: 'asc' } });
  return views.map(toSummary);
}

export function savedViewRoutes(runtime: Pick<ApiRuntime, 'db'>): Router {
  const { db } = runtime;
  const router = Router();
  router.get('/tasks/viste', async (req, res) => {
    res.json({ items: await listViews(db, actorOf(req).userId) });
  });
  // Saving under a name already used replaces that view: the person updates it as they refine it.
  router.post('/tasks/viste', async (req, res) => {
    const { nome, query } = parse(ZSaveView, req.body);
    const { userId } = actorOf(req);
    const saved = await db.$transaction(async (tx) => {
      const existing = await tx.savedTaskView.findUnique({ where: { userId_nome: { userId, nome } } });
      if (!existing && (await tx.savedTaskView.count({ where: { userId } })) >= MAX_VIEWS) {
        throw new AppError('TROPPE_VISTE', 422, `Puoi salvare al massimo ${MAX_VIEWS} viste: eliminane una prima di salvarne un’altra.`, 'nome');
      }
      return tx.savedTaskView.upsert({ where: { userId_nome: { userId, nome } }, create: { userId, nome, query }, update: { query } });
    });
    res.status(201).json(toSummary(saved));
  });
  router.delete('/tasks/viste/:id', async (req, res) => {
    const { id } = parse(ZViewId, req.params);
    const { count } = await db.savedTaskView.deleteMany({ where: { id, userId: actorOf(req).userId } });
    if (count === 0) throw new AppError('NON_TROVATO', 404, 'Vista non trovata.');
    res.json({ items: await listViews(db, actorOf(req).userId) });
  });
  return router;
}
