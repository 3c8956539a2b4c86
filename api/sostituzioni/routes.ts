import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../prisma/client';
import type { Actor } from '../../workflows/shared/actor';
import { actorOf } from '../auth';
import { AppError } from '../errors';
import type { ApiRuntime } from '../runtime';
import { calendarDate, parse } from '../validation';
import type { Person } from '../views';
import { todayInItaly } from './substitutions';
import type { Sostituzioni } from './views';

const MAX_DAYS = 366;
const DAY_MS = 24 * 60 * 60 * 1000;

export const ZSostituzione = z
  .object({
    sostitutoId: z.string({ error: 'scegli chi ti sostituisce' }).uuid('scegli chi ti sostituisce'),
    dal: calendarDate('indica il primo giorno di assenza (gg/mm/aaaa)'),
    al: calendarDate('indica l’ultimo giorno di assenza (gg/mm/aaaa)'),
  })
  .superRefine((value, ctx) => {
    if (value.al < value.dal) ctx.addIssue({ code: 'custom', path: ['al'], message: 'l’ultimo giorno viene prima del primo' });
    else if ((Date.parse(value.al) - Date.parse(value.dal)) / DAY_MS >= MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['al'], message: 'al massimo un anno' });
  });
export const ZSostituzioneId = z.object({ id: z.string().uuid('identificativo di sostituzione non valido') });

const isoDay = (date: Date) => date.toISOString().slice(0, 10);
const person = (user: { id: string; nome: string; cognome: string }): Person => ({ id: user.id, nomeCompleto: `${user.nome} ${user.cognome}` });

/** Colleagues who hold one of the actor's roles (same ente, same role, same area): who may substitute them. */
async function colleaguesOf(db: Db, actor: Actor): Promise<Person[]> {
  if (actor.roles.length === 0) return [];
  const users = await db.user.findMany({
    where: {
      id: { not: actor.userId },
      roles: { some: { revokedAt: null, OR: actor.roles.map((grant) => ({ enteId: grant.enteId, ruolo: grant.ruolo, area: grant.area })) } },
    },
    orderBy: [{ cognome: 'asc' }, { nome: 'asc' }],
    select: { id: true, nome: true, cognome: true },
  });
  return users.map(person);
}

/** Who substitutes the actor, and whom the actor substitutes: today's and those to come. */
async function substitutionsOf(db: Db, actor: Actor): Promise<Sostituzioni> {
  const today = todayInItaly();
  const include = { titolare: true, sostituto: true } as const;
  const [mie, ricevute] = await Promise.all([
    db.substitution.findMany({ where: { titolareId: actor.userId, al: { gte: today } }, include, orderBy: { dal: 'asc' } }),
    db.substitution.findMany({ where: { sostitutoId: actor.userId, al: { gte: today } }, include, orderBy: { dal: 'asc' } }),
  ]);
  const view = (row: (typeof mie)[number]) => ({
    id: row.id,
    titolare: person(row.titolare),
    sostituto: person(row.sostituto),
    dal: isoDay(row.dal),
    al: isoDay(row.al),
    inCorso: row.dal <= today && row.al >= today,
  });
  return { mie: mie.map(view), ricevute: ricevute.map(view) };
}

export function substitutionRoutes(runtime: Pick<ApiRuntime, 'db'>): Router {
  const { db } = runtime;
  const router = Router();
  router.get('/sostituzioni', async (req, res) => {
    res.json(await substitutionsOf(db, actorOf(req)));
  });
  router.get('/sostituzioni/colleghi', async (req, res) => {
    res.json({ items: await colleaguesOf(db, actorOf(req)) });
  });
  router.post('/sostituzioni', async (req, res) => {
    const actor = actorOf(req);
    const { sostitutoId, dal, al } = parse(ZSostituzione, req.body);
    if (al < isoDay(todayInItaly())) throw new AppError('DATI_NON_VALIDI', 422, 'al: l’assenza è già finita', 'al');
    if (!(await colleaguesOf(db, actor)).some((colleague) => colleague.id === sostitutoId)) {
      throw new AppError('DATI_NON_VALIDI', 422, 'sostitutoId: può sostituirti solo un collega con un tuo stesso ruolo nel tuo ente', 'sostitutoId');
    }
    await db.substitution.create({ data: { titolareId: actor.userId, sostitutoId, dal: new Date(`${dal}T00:00:00Z`), al: new Date(`${al}T00:00:00Z`) } });
    res.status(201).json(await substitutionsOf(db, actor));
  });
  // Ended early (back from holiday): from today the colleague no longer receives the tasks.
  router.delete('/sostituzioni/:id', async (req, res) => {
    const actor = actorOf(req);
    const { id } = parse(ZSostituzioneId, req.params);
    const { count } = await db.substitution.deleteMany({ where: { id, titolareId: actor.userId } });
    if (count === 0) throw new AppError('NON_TROVATO', 404, 'Sostituzione non trovata.');
    res.json(await substitutionsOf(db, actor));
  });
  return router;
}
