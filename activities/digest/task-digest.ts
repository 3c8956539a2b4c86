// The morning digest's activities (workflows/riepilogo-attivita.ts). What a person is told is what their
// inbox's «Da fare» holds — the same predicates (api/tasks), their roles and substitutions of this moment —
// split into the tasks new since their last digest and those overdue. Nothing to say, no e-mail.
import { randomUUID } from 'node:crypto';
import { loadActor } from '../../api/auth/actor';
import { viewWhere } from '../../api/tasks/queries';
import { visibleWhere } from '../../api/tasks/visibility';
import { todayInItaly } from '../../api/sostituzioni/substitutions';
import type { Db } from '../../prisma/client';
import type { Prisma } from '../../prisma/generated/client';
import type { Mailer } from '../mail/mailer';
import { renderTaskDigest, type DigestTask } from './digest-mail';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Tasks listed in each part of the e-mail; the rest is a count and a link to the inbox. */
const LISTED = 10;

export interface DigestDeps {
  db: Db;
  mailer: Mailer;
  /** Where the platform is reached: the e-mail's links. */
  publicUrl: string;
}

const isoDay = (day: Date) => day.toISOString().slice(0, 10);

export function createDigestActivities({ db, mailer, publicUrl }: DigestDeps) {
  const include = { ente: { select: { denominazione: true } } } as const;
  const listed = (tasks: { id: string; titolo: string; dueAt: Date | null; ente: { denominazione: string } }[]): DigestTask[] =>
    tasks.map((task) => ({ titolo: task.titolo, ente: task.ente.denominazione, scadenza: task.dueAt?.toISOString() ?? null, url: `${publicUrl}/attivita/${task.id}` }));

  /** One person's digest: sent (or already sent today), or nothing to tell. */
  async function digestOf(userId: string, giorno: string, regioneEnteId: string, now: Date): Promise<'inviato' | 'nulla'> {
    const day = new Date(`${giorno}T00:00:00Z`);
    const already = await db.taskDigest.findUnique({ where: { userId_giorno: { userId, giorno: day } } });
    if (already?.inviatoAt) return 'inviato';
    const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { nome: true, cognome: true, email: true, riepilogoEmail: true } });
    if (!user.email || !user.riepilogoEmail) return 'nulla';

    const actor = await loadActor(db, userId);
    const waiting: Prisma.TaskWhereInput = { AND: [visibleWhere(actor, regioneEnteId), viewWhere('da-fare', actor)] };
    const previous = await db.taskDigest.findFirst({ where: { userId, inviatoAt: { not: null }, giorno: { lt: day } }, orderBy: { giorno: 'desc' } });
    const since = previous?.createdAt ?? new Date(now.getTime() - DAY_MS);
    const newWhere = { AND: [waiting, { createdAt: { gt: since } }] };
    const overdueWhere = { AND: [waiting, { dueAt: { lt: now } }] };
    const [nuove, scadute, nuoveCount, scaduteCount] = await Promise.all([
      db.task.findMany({ where: newWhere, include, orderBy: [{ createdAt: 'desc' }, { id: 'asc' }], take: LISTED }),
      db.task.findMany({ where: overdueWhere, include, orderBy: [{ dueAt: 'asc' }, { id: 'asc' }], take: LISTED }),
      db.task.count({ where: newWhere }),
      db.task.count({ where: overdueWhere }),
    ]);
    if (nuoveCount === 0 && scaduteCount === 0) return 'nulla';

    // Written before sending: a retry finds the row and sends the same message, with the same Message-ID.
    const digest = already ?? await db.taskDigest.upsert({
      where: { userId_giorno: { userId, giorno: day } },
      create: { userId, giorno: day, email: user.email, messageId: `<riepilogo-${giorno}-${randomUUID()}@push.localhost>`, nuove: nuoveCount, scadute: scaduteCount },
      update: {},
    });
    const mail = renderTaskDigest({
      nome: user.nome,
      giorno,
      nuove: { elenco: listed(nuove), totale: nuoveCount },
      scadute: { elenco: listed(scadute), totale: scaduteCount },
      inboxUrl: `${publicUrl}/attivita`,
      impostazioniUrl: `${publicUrl}/notifiche`,
    });
    await mailer.send({ to: digest.email, subject: mail.subject, html: mail.html, text: mail.text, messageId: digest.messageId });
    await db.taskDigest.update({ where: { id: digest.id }, data: { inviatoAt: new Date() } });
    return 'inviato';
  }

  return {
    /** Today in Italy (unless a day is given) and the people to write to: an address, the digest on, a role. */
    async digestRecipients(input: { giorno?: string }): Promise<{ giorno: string; destinatari: string[] }> {
      const giorno = input.giorno ?? isoDay(todayInItaly());
      const day = new Date(`${giorno}T00:00:00Z`);
      const users = await db.user.findMany({
        where: { email: { not: null }, riepilogoEmail: true, roles: { some: { revokedAt: null } }, digests: { none: { giorno: day, inviatoAt: { not: null } } } },
        select: { id: true },
        orderBy: { id: 'asc' },
      });
      return { giorno, destinatari: users.map((user) => user.id) };
    },

    async sendTaskDigests(input: { regioneEnteId: string; giorno: string; userIds: string[] }): Promise<{ inviati: number; senzaNovita: number }> {
      const now = new Date();
      let inviati = 0;
      let senzaNovita = 0;
      for (const userId of input.userIds) {
        if ((await digestOf(userId, input.giorno, input.regioneEnteId, now)) === 'inviato') inviati++;
        else senzaNovita++;
      }
      return { inviati, senzaNovita };
    },
  };
}
