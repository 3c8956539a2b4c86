import { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../auth';
import { notFound } from '../errors';
import { readsProcedureItem } from '../read-access';
import type { ApiRuntime } from '../runtime';
import { parse } from '../validation';

export const ZId = z.object({ id: z.string().uuid('identificativo non valido') });

/** Downloads from the document store, for those entitled; the store checks the SHA-256 on every read. */
export function documentRoutes(runtime: ApiRuntime): Router {
  const router = Router();
  router.get('/documenti/:id', async (req, res) => {
    const { id } = parse(ZId, req.params);
    const document = await runtime.documents.find(id);
    if (!document || !(await readsProcedureItem(runtime, actorOf(req), document))) throw notFound('Documento');
    const { content } = await runtime.documents.read(id);
    res.setHeader('Content-Type', document.mimeType);
    // `?vista=1` shows a PDF in the page (the act a dirigente reads before signing); anything else downloads.
    const inline = req.query.vista === '1' && document.mimeType === 'application/pdf';
    res.setHeader('Content-Disposition', `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(document.filename)}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Digest', `sha-256=${Buffer.from(document.sha256, 'hex').toString('base64')}`);
    res.send(content);
  });
  return router;
}
