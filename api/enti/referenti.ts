import { Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../prisma/client';
import { AREE, isRegioneUser, type Actor } from '../../workflows/shared/actor';
import { isValidCodiceFiscalePersona } from '../../workflows/shared/codice-fiscale';
import { actorOf } from '../auth';
import { AppError, notFound } from '../errors';
import type { ApiRuntime } from '../runtime';
import { returnTasksOfRevoked } from '../tasks/revoked-assignees';
import { parse, text } from '../validation';
import type { Referente } from './views';

export const ZEnteParams = z.object({ id: z.string().uuid('identificativo di ente non valido') });
export const ZRevokeParams = ZEnteParams.extend({ roleId: z.string().uuid('identificativo di nomina non valido') });
export const ZNomina = z.object({
  codiceFiscale: text('il codice fiscale è obbligatorio').trim().toUpperCase().refine(isValidCodiceFiscalePersona, 'codice fiscale non valido'),
  nome: text('il nome è obbligatorio').trim().min(1, 'il nome è obbligatorio').max(100, 'al massimo 100 caratteri'),
  cognome: text('il cognome è obbligatorio').trim().min(1, 'il cognome è obbligatorio').max(100, 'al massimo 100 caratteri'),
  email: text().trim().email('indirizzo e-mail non valido').max(200).optional().or(z.literal('').transform(() => undefined)),
  aree: z.array(z.enum(AREE, { error: 'area non valida' }), { error: 'scegli almeno un’area' }).min(1, 'scegli almeno un’area'),
});

/** Only the ente's legal representative names and revokes its referenti, and only once it is accredited. */
async function assertRepresents(db: Db, actor: Actor, enteId: string) {
  const ente = await db.ente.findUnique({ where: { id: enteId } });
  const represents = actor.roles.some((grant) => grant.enteId === enteId && grant.ruolo === 'RAPPRESENTANTE_LEGALE');
  if (!ente || !represents) throw notFound('Ente');
  if (ente.stato !== 'ATTIVO') throw new AppError('ENTE_NON_ATTIVO', 409, 'L’ente non è ancora accreditato: i referenti si nominano dopo l’accreditamento.');
  return ente;
}

async function listReferenti(db: Db, enteId: string): Promise<Referente[]> {
  const rows = await db.roleAssignment.findMany({
    where: { enteId, ruolo: 'REFERENTE' },
    include: { user: { select: { id: true, codiceFiscale: true, nome: true, cognome: true, email: true } } },
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'asc' }],
  });
  return rows.map((row) => ({
    id: row.id,
    // A REFERENTE row always has its area (api/enti/referenti names one per area).
    area: row.area!,
    attiva: row.revokedAt === null,
    nominataIl: row.createdAt.toISOString(),
    revocataIl: row.revokedAt?.toISOString() ?? null,
    utente: { ...row.user, nomeCompleto: `${row.user.nome} ${row.user.cognome}` },
  }));
}

export function referentiRoutes(runtime: ApiRuntime): Router {
  const router = Router();
  const { db } = runtime;

  router.get('/enti/:id/referenti', async (req, res) => {
    const { id } = parse(ZEnteParams, req.params);
    const actor = actorOf(req);
    const regione = isRegioneUser(actor, runtime.regioneEnteId);
    if (!regione) await assertRepresents(db, actor, id);
    res.json({ items: await listReferenti(db, id) });
  });

  router.post('/enti/:id/referenti', async (req, res) => {
    const { id } = parse(ZEnteParams, req.params);
    const actor = actorOf(req);
    await assertRepresents(db, actor, id);
    const nomina = parse(ZNomina, req.body);
    await db.$transaction(async (tx) => {
      const user = await tx.user.upsert({
        where: { codiceFiscale: nomina.codiceFiscale },
        update: {},
        create: { codiceFiscale: nomina.codiceFiscale, nome: nomina.nome, cognome: nomina.cognome, email: nomina.email ?? null },
      });
      for (const area of new Set(nomina.aree)) {
        const active = await tx.roleAssignment.findFirst({ where: { userId: user.id, enteId: id, ruolo: 'REFERENTE', area, revokedAt: null } });
        if (active) continue;
        const role = await tx.roleAssignment.create({ data: { userId: user.id, enteId: id, ruolo: 'REFERENTE', area } });
        await tx.auditEvent.create({
          data: { actorId: actor.userId, enteId: id, azione: 'REFERENTE_NOMINATO', oggetto: `ruolo:${role.id}`, details: { utenteId: user.id, area } },
        });
      }
    });
    res.status(201).json({ items: await listReferenti(db, id) });
  });

  router.delete('/enti/:id/referenti/:roleId', async (req, res) => {
    const { id, roleId } = parse(ZRevokeParams, req.params);
    const actor = actorOf(req);
    await assertRepresents(db, actor, id);
    const revoked = await db.$transaction(async (tx) => {
      const role = await tx.roleAssignment.findFirst({ where: { id: roleId, enteId: id, ruolo: 'REFERENTE' } });
      if (!role) throw notFound('Nomina');
      if (role.revokedAt) throw new AppError('GIA_REVOCATA', 409, 'La nomina è già stata revocata.');
      await tx.roleAssignment.update({ where: { id: roleId }, data: { revokedAt: new Date() } });
      await tx.auditEvent.create({
        data: { actorId: actor.userId, enteId: id, azione: 'REFERENTE_REVOCATO', oggetto: `ruolo:${roleId}`, details: { utenteId: role.userId, area: role.area } },
      });
      return role;
    });
    // The revocation holds from now on; the tasks the referente had taken under it go back to the group.
    await returnTasksOfRevoked(runtime, revoked.userId, actor.userId);
    res.json({ items: await listReferenti(db, id) });
  });
  return router;
}
