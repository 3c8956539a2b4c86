// A person's notifications: the address of their ordinary e-mail (first the one their digital identity
// gave, then theirs to change) and the morning digest of their tasks, on unless they turn it off.
import { Router } from 'express';
import { z } from 'zod';
import { actorOf } from '../auth';
import { AppError } from '../errors';
import type { ApiRuntime } from '../runtime';
import { parse, text } from '../validation';
import type { Notifiche } from './views';

export const ZNotifiche = z.object({
  email: text().trim().toLowerCase().max(200, 'al massimo 200 caratteri')
    .refine((value) => value === '' || z.string().email().safeParse(value).success, 'indirizzo e-mail non valido')
    .nullable()
    .transform((value) => value || null),
  riepilogoEmail: z.boolean({ error: 'scegli se ricevere il riepilogo' }),
});

export function notificationRoutes(runtime: ApiRuntime): Router {
  const router = Router();
  const { db } = runtime;

  router.get('/notifiche', async (req, res) => {
    const user = await db.user.findUniqueOrThrow({ where: { id: actorOf(req).userId }, select: { email: true, riepilogoEmail: true } });
    const answer: Notifiche = user;
    res.json(answer);
  });

  router.put('/notifiche', async (req, res) => {
    const wanted = parse(ZNotifiche, req.body);
    if (wanted.riepilogoEmail && !wanted.email) throw new AppError('DATI_NON_VALIDI', 422, 'email: serve un indirizzo per ricevere il riepilogo', 'email');
    const user = await db.user.update({ where: { id: actorOf(req).userId }, data: wanted, select: { email: true, riepilogoEmail: true } });
    const answer: Notifiche = user;
    res.json(answer);
  });
  return router;
}
