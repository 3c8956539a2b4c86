import { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../auth';
import type { ApiRuntime } from '../runtime';
import { idempotencyKeyOf } from '../outbox/idempotency-key';
import { parse, storableJson } from '../validation';
import { claimTask, completeTask, reassignCandidates, reassignTask, releaseTask } from './actions';
import { receiveTaskFile, storeTaskFile, ZTaskFile } from './documents';
import { actOnTasks, ZBulkRequest } from './bulk';
import { countCacheOf } from './count-cache';
import { streamTaskChanges } from './live';
import { countTasks, listTasks, procedureTypes, taskDetail, ZTaskCountsQuery, ZTaskListQuery } from './queries';

export const ZTaskId = z.object({ id: z.string().uuid('identificativo di attività non valido') });
export const ZReassignRequest = z.object({ assigneeId: z.string().uuid('scegli a chi riassegnare') });
export const ZCompleteRequest = z.object({ decision: storableJson(z.record(z.string(), z.unknown(), 'la decisione è obbligatoria')) });

export function taskRoutes(runtime: ApiRuntime): Router {
  const router = Router();
  // A person's own action empties the counts before they are answered (./count-cache.ts).
  const countsChanged = () => countCacheOf(runtime.taskChanges).forget();
  router.get('/tasks', async (req, res) => {
    res.json(await listTasks(runtime, actorOf(req), parse(ZTaskListQuery, req.query)));
  });
  router.get('/tasks/conteggi', async (req, res) => {
    res.json(await countTasks(runtime, actorOf(req), parse(ZTaskCountsQuery, req.query)));
  });
  router.post('/tasks/in-blocco', async (req, res) => {
    const esiti = await actOnTasks(runtime, actorOf(req), parse(ZBulkRequest, req.body));
    countsChanged();
    res.json({ esiti });
  });
  router.get('/tasks/eventi', (req, res) => {
    streamTaskChanges(runtime, actorOf(req), req, res);
  });
  router.get('/tasks/procedure-types', (_req, res) => {
    res.json({ items: procedureTypes() });
  });
  router.get('/tasks/:id', async (req, res) => {
    res.json(await taskDetail(runtime, actorOf(req), parse(ZTaskId, req.params).id));
  });
  router.get('/tasks/:id/candidates', async (req, res) => {
    res.json({ items: await reassignCandidates(runtime, actorOf(req), parse(ZTaskId, req.params).id) });
  });
  router.post('/tasks/:id/claim', async (req, res) => {
    const { id } = parse(ZTaskId, req.params);
    await claimTask(runtime, actorOf(req), id);
    countsChanged();
    res.json(await taskDetail(runtime, actorOf(req), id));
  });
  router.post('/tasks/:id/release', async (req, res) => {
    const { id } = parse(ZTaskId, req.params);
    await releaseTask(runtime, actorOf(req), id);
    countsChanged();
    res.json(await taskDetail(runtime, actorOf(req), id));
  });
  router.post('/tasks/:id/reassign', async (req, res) => {
    const { id } = parse(ZTaskId, req.params);
    await reassignTask(runtime, actorOf(req), id, parse(ZReassignRequest, req.body).assigneeId);
    countsChanged();
    res.json(await taskDetail(runtime, actorOf(req), id));
  });
  router.post('/tasks/:id/documenti/:campo', receiveTaskFile(), async (req, res) => {
    const { id, campo } = parse(ZTaskFile, req.params);
    res.status(201).json(await storeTaskFile(runtime, actorOf(req), id, campo, req.file));
  });
  router.post('/tasks/:id/complete', async (req, res) => {
    const { id } = parse(ZTaskId, req.params);
    const { decision } = parse(ZCompleteRequest, req.body);
    const idempotencyKey = idempotencyKeyOf(req) ?? undefined;
    await completeTask(runtime, actorOf(req), id, decision, idempotencyKey);
    countsChanged();
    res.json({ ok: true });
  });
  return router;
}
