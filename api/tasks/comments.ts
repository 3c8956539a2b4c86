// Comments on a task: the people working on it write who, when, what — and attach documents — and the
// task's history shows them among its events. Whoever sees the task reads and writes its comments; the
// attachments are filed outside any procedure and read only through the task.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../prisma/client';
import type { Actor } from '../../workflows/shared/actor';
import { acceptedAttachments, receiveAttachments } from '../attachments';
import { actorOf } from '../auth';
import { AppError } from '../errors';
import { idempotencyKeyOf } from '../outbox/idempotency-key';
import type { ApiRuntime } from '../runtime';
import { parse, text } from '../validation';
import type { FileRef } from '../views';
import { findVisibleTask } from './queries';

export const ZComment = z.object({
  // Forms send line breaks as CRLF: kept as the person typed them.
  testo: text('scrivi il commento').trim().min(1, 'scrivi il commento').max(4000, 'al massimo 4000 caratteri').transform((value) => value.replace(/\r\n?/g, '\n')),
});
const ZTaskId = z.object({ id: z.string().uuid('identificativo di attività non valido') });
export const ZCommentFile = ZTaskId.extend({ documentId: z.string().uuid('identificativo di documento non valido') });

export const COMMENT_DOCUMENT_TIPO = 'ALLEGATO_COMMENTO';

const attachmentUrl = (taskId: string, documentId: string) => `/api/tasks/${taskId}/commenti/allegati/${documentId}`;

/** A task's comments, oldest first, with their attachments: what the history shows. */
export async function commentsOf(db: Db, taskId: string) {
  const comments = await db.taskComment.findMany({ where: { taskId }, orderBy: [{ at: 'asc' }, { id: 'asc' }], include: { author: true } });
  const documents = await db.document.findMany({
    where: { id: { in: comments.flatMap((comment) => comment.documentIds) } },
    select: { id: true, titolo: true, filename: true, mimeType: true, size: true },
  });
  const byId = new Map(documents.map((document) => [document.id, document]));
  return comments.map((comment) => ({
    at: comment.at,
    author: { id: comment.authorId, nomeCompleto: `${comment.author.nome} ${comment.author.cognome}` },
    testo: comment.testo,
    allegati: comment.documentIds.flatMap((id): FileRef[] => {
      const document = byId.get(id);
      return document ? [{ ...document, url: attachmentUrl(taskId, id) }] : [];
    }),
  }));
}

async function addComment(runtime: ApiRuntime, actor: Actor, taskId: string, testo: string, files: Express.Multer.File[], requestKey: string | null) {
  const task = await findVisibleTask(runtime, actor, taskId);
  const idempotencyKey = requestKey ? `${task.id}/${actor.userId}/${requestKey}` : null;
  const existing = idempotencyKey ? await runtime.db.taskComment.findUnique({ where: { idempotencyKey } }) : null;
  if (existing) return existing;
  const key = idempotencyKey ?? randomUUID();
  const stored = [];
  for (const [index, file] of files.entries()) {
    stored.push(await runtime.documents.store({
      idempotencyKey: `commento/${key}/${index}`,
      content: file.buffer,
      filename: file.originalname,
      mimeType: file.mimetype,
      titolo: file.originalname,
      tipo: COMMENT_DOCUMENT_TIPO,
      createdById: actor.userId,
    }));
  }
  try {
    return await runtime.db.taskComment.create({ data: { taskId: task.id, authorId: actor.userId, testo, documentIds: stored.map((document) => document.id), idempotencyKey } });
  } catch (error) {
    // The same request, sent twice at once: the first one's comment stands (and its files, which are these).
    const raced = idempotencyKey ? await runtime.db.taskComment.findUnique({ where: { idempotencyKey } }) : null;
    if (raced) return raced;
    for (const document of stored) await runtime.documents.discard(document.id);
    throw error;
  }
}

export function commentRoutes(runtime: ApiRuntime): Router {
  const router = Router();
  router.post('/tasks/:id/commenti', receiveAttachments(), async (req, res) => {
    const { id } = parse(ZTaskId, req.params);
    const { testo } = parse(ZComment, req.body);
    const comment = await addComment(runtime, actorOf(req), id, testo, acceptedAttachments(req.files), idempotencyKeyOf(req));
    res.status(201).json({ id: comment.id });
  });
  router.get('/tasks/:id/commenti/allegati/:documentId', async (req, res) => {
    const { id, documentId } = parse(ZCommentFile, req.params);
    const task = await findVisibleTask(runtime, actorOf(req), id);
    const attached = await runtime.db.taskComment.count({ where: { taskId: task.id, documentIds: { has: documentId } } });
    if (attached === 0) throw new AppError('NON_TROVATO', 404, 'Allegato non trovato.');
    const { document, content } = await runtime.documents.read(documentId);
    res.setHeader('Content-Type', document.mimeType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(document.filename)}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(content);
  });
  return router;
}
