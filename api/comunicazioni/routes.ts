import { Router } from 'express';
import { z } from 'zod';
import type { Actor } from '../../workflows/shared/actor';
import { acceptedAttachments, receiveAttachments } from '../attachments';
import { actorOf } from '../auth';
import { AppError } from '../errors';
import { idempotencyKeyOf } from '../outbox/idempotency-key';
import type { ApiRuntime } from '../runtime';
import { optionalQuery, pagination, parse, text } from '../validation';
import { communicationDetail, listCommunications, readAttachment } from './queries';
import { sendCommunication } from './send-communication';

export const ZSendRequest = z.object({
  enteId: z.string({ error: 'scegli l’ente mittente' }).uuid('scegli l’ente mittente'),
  oggetto: text('l’oggetto è obbligatorio').trim().min(1, 'l’oggetto è obbligatorio').max(200, 'al massimo 200 caratteri'),
  testo: text('il testo è obbligatorio').trim().min(1, 'il testo è obbligatorio').max(10_000, 'al massimo 10000 caratteri'),
});

export const ZListQuery = z.object({
  ente: optionalQuery(z.string().uuid()),
  stato: optionalQuery(z.enum(['INVIATA', 'PROTOCOLLATA', 'PRESA_IN_CARICO', 'NON_DI_COMPETENZA'])),
  ...pagination,
});

export const ZId = z.object({ id: z.string().uuid('identificativo non valido') });

/** Only the legal representative or a referente for communications may write on behalf of an ente. */
function assertMaySend(actor: Actor, enteId: string): void {
  const allowed = actor.roles.some(
    (grant) => grant.enteId === enteId && (grant.ruolo === 'RAPPRESENTANTE_LEGALE' || (grant.ruolo === 'REFERENTE' && grant.area === 'COMUNICAZIONI')),
  );
  if (!allowed) throw new AppError('NON_AUTORIZZATO', 403, 'enteId: non puoi inviare comunicazioni per questo ente.', 'enteId');
}

export function communicationRoutes(runtime: ApiRuntime): Router {
  const router = Router();
  router.post('/comunicazioni', receiveAttachments(), async (req, res) => {
    const actor = actorOf(req);
    const idempotencyKey = idempotencyKeyOf(req);
    const body = parse(ZSendRequest, req.body);
    assertMaySend(actor, body.enteId);
    const ente = await runtime.db.ente.findUniqueOrThrow({ where: { id: body.enteId } });
    if (ente.stato !== 'ATTIVO') throw new AppError('ENTE_NON_ATTIVO', 422, 'enteId: l’ente non è ancora accreditato sulla piattaforma.', 'enteId');
    const files = acceptedAttachments(req.files);
    const created = await sendCommunication(runtime.db, runtime, {
      enteId: body.enteId,
      senderId: actor.userId,
      oggetto: body.oggetto,
      testo: body.testo,
      allegati: files.map((file) => ({ filename: file.originalname, mimeType: file.mimetype, content: file.buffer })),
      idempotencyKey,
    });
    res.status(201).json(created);
  });
  router.get('/comunicazioni', async (req, res) => {
    res.json(await listCommunications(runtime, actorOf(req), parse(ZListQuery, req.query)));
  });
  router.get('/comunicazioni/:id', async (req, res) => {
    res.json(await communicationDetail(runtime, actorOf(req), parse(ZId, req.params).id));
  });
  router.get('/allegati/:id', async (req, res) => {
    const file = await readAttachment(runtime, actorOf(req), parse(ZId, req.params).id);
    res.setHeader('Content-Type', file.mimeType);
    res.setHeader('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(file.content);
  });
  return router;
}
