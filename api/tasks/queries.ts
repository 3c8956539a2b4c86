import { z } from 'zod';
import { sqlOf, type Db } from '../../prisma/client';
import type { Prisma, Task } from '../../prisma/generated/client';
import { holdsCandidacy, type Actor } from '../../workflows/shared/actor';
import { TASK_FAILURE } from '../../workflows/shared/tasks';
import { formatDate, formatTime } from '../../workflows/shared/dates';
import { AppError, notFound } from '../errors';
import type { ApiRuntime } from '../runtime';
import { optionalQuery, pagination, text } from '../validation';
import { PROCEDURES, procedureLabel } from '../../workflows/shared/procedures';
import { namesOf } from '../people';
import { procedureTimeline } from '../timeline';
import type { FileRef, Page } from '../views';
import { AZIONI_TRASMISSIONE } from '../../workflows/shared/flussi';
import { outcomeFormOf } from '../../workflows/shared/outcome-forms';
import { commentsOf } from './comments';
import { countCacheOf } from './count-cache';
import { describeTaskEvent, peopleNamedIn } from './history';
import { revokedAssignee } from './revoked-assignees';
import type { TaskCounts, TaskDetail, TaskSummary } from './views';
import { candidacyWhere, substitutedWhere, visibleWhere } from './visibility';

export const VISTE = ['da-fare', 'mie', 'gruppi', 'completate'] as const;

const ZTaskFilters = z.object({
  /** Words of the subject or of the ente's name, or a protocol number («123» or «123/2026»). */
  q: optionalQuery(text().max(100, 'al massimo 100 caratteri')),
  procedura: optionalQuery(text().max(100)),
  ente: optionalQuery(z.string().uuid()),
  stato: optionalQuery(z.enum(['APERTA', 'COMPLETATA', 'ANNULLATA'])),
  scadenza: optionalQuery(z.enum(['scadute', 'oggi', 'settimana'])),
});
export const ZTaskListQuery = ZTaskFilters.extend({
  vista: z.enum(VISTE).default('mie'),
  ordina: z.enum(['titolo', '-titolo', 'dueAt', '-dueAt', 'createdAt', '-createdAt', 'completedAt', '-completedAt', 'ente', '-ente']).default('-createdAt'),
  ...pagination,
});
/** The counts on the inbox's tabs: the same filters, every view. */
export const ZTaskCountsQuery = ZTaskFilters;
export type TaskListQuery = z.infer<typeof ZTaskListQuery>;
type TaskFilters = z.infer<typeof ZTaskFilters>;

const DAY_MS = 24 * 60 * 60 * 1000;

function dueWhere(scadenza: TaskListQuery['scadenza'], now: Date): Prisma.TaskWhereInput {
  if (scadenza === 'scadute') return { stato: 'APERTA', dueAt: { lt: now } };
  if (scadenza === 'oggi') {
    const endOfDay = new Date(now);
    endOfDay.setHours(23, 59, 59, 999);
    return { dueAt: { gte: now, lte: endOfDay } };
  }
  if (scadenza === 'settimana') return { dueAt: { gte: now, lte: new Date(now.getTime() + 7 * DAY_MS) } };
  return {};
}

export function viewWhere(vista: TaskListQuery['vista'], actor: Actor): Prisma.TaskWhereInput {
  // What waits for me: mine, and my groups' that nobody has taken.
  // A substitute's own include those of the colleagues away whom they substitute.
  if (vista === 'da-fare') return { stato: 'APERTA', OR: [{ assigneeId: actor.userId }, ...substitutedWhere(actor), { assigneeId: null, OR: candidacyWhere(actor) }] };
  if (vista === 'mie') return { stato: 'APERTA', OR: [{ assigneeId: actor.userId }, ...substitutedWhere(actor)] };
  if (vista === 'gruppi') return { stato: 'APERTA', OR: candidacyWhere(actor) };
  // Every task no longer open has its completion time: saying so lets the database start its walk of the
  // completion-time index past the open tasks (which have none) instead of reading them all first.
  return { stato: { not: 'APERTA' }, completedAt: { not: null } };
}

function orderBy(ordina: TaskListQuery['ordina']): Prisma.TaskOrderByWithRelationInput[] {
  const direction = ordina.startsWith('-') ? 'desc' : 'asc';
  const field = ordina.replace(/^-/, '');
  const primary: Prisma.TaskOrderByWithRelationInput =
    field === 'ente' ? { ente: { denominazione: direction } }
      : field === 'dueAt' ? { dueAt: { sort: direction, nulls: 'last' } }
        // Every task that is no longer open has its completion time, and open ones none: the views never mix
        // them, so where the nulls go changes nothing shown, and the database's default order is its index's.
        : { [field]: direction };
  return [primary, { id: 'asc' }];
}

type TaskRow = Task & { ente: { denominazione: string }; assignee: { id: string; nome: string; cognome: string } | null };

const taskInclude = {
  ente: { select: { denominazione: true } },
  assignee: { select: { id: true, nome: true, cognome: true } },
} as const;

export function toSummary(task: TaskRow, now = new Date()): TaskSummary {
  return {
    id: task.id,
    titolo: task.titolo,
    procedura: task.procedura,
    proceduraLabel: procedureLabel(task.procedura),
    enteId: task.enteId,
    enteDenominazione: task.ente.denominazione,
    candidateRole: task.candidateRole,
    candidateArea: task.candidateArea,
    assignee: task.assignee ? { id: task.assignee.id, nomeCompleto: `${task.assignee.nome} ${task.assignee.cognome}` } : null,
    dueAt: task.dueAt?.toISOString() ?? null,
    scaduta: task.stato === 'APERTA' && task.dueAt !== null && task.dueAt < now,
    stato: task.stato,
    createdAt: task.createdAt.toISOString(),
    completedAt: task.completedAt?.toISOString() ?? null,
    esito: esitoOf(task),
  };
}

/** A completed task's outcome in words, where its form names one (the esito's label). */
function esitoOf(task: TaskRow): string | null {
  const outcome = task.outcome as Record<string, unknown> | null;
  const chosen = typeof outcome?.esito === 'string' ? outcome.esito : typeof outcome?.azione === 'string' ? outcome.azione : null;
  if (!chosen) return task.stato === 'COMPLETATA' ? 'Completata' : null;
  return outcomeFormOf(task.formKey)?.esiti?.[chosen]?.label ?? AZIONI_TRASMISSIONE[chosen] ?? 'Completata';
}

const PROTOCOLLO = /^(?:n\.?\s*)?(\d{1,9})(?:\s*\/\s*(\d{4}))?$/i;

/**
 * The tasks a search finds: the words in the subject or in the ente's name, or — a number, «123/2026» —
 * the procedures that protocol number belongs to. The enti and the registrations are looked up first
 * (few rows), so the tasks are filtered by plain ids and the subject's trigram index.
 */
async function searchWhere(db: Db, q: string | undefined): Promise<Prisma.TaskWhereInput> {
  const wanted = q?.trim();
  if (!wanted) return {};
  const protocollo = PROTOCOLLO.exec(wanted);
  const [enti, registrations] = await Promise.all([
    db.ente.findMany({ where: { denominazione: { contains: wanted, mode: 'insensitive' } }, select: { id: true }, take: 500 }),
    protocollo
      ? db.protocolRegistration.findMany({
        where: { number: Number(protocollo[1]), ...(protocollo[2] ? { year: Number(protocollo[2]) } : {}) },
        select: { workflowId: true },
        take: 500,
      })
      : [],
  ]);
  return {
    OR: [
      { titolo: { contains: wanted, mode: 'insensitive' } },
      ...(enti.length > 0 ? [{ enteId: { in: enti.map((ente) => ente.id) } }] : []),
      ...(registrations.length > 0 ? [{ workflowId: { in: registrations.map((registration) => registration.workflowId) } }] : []),
    ],
  };
}

function listWhere(runtime: ApiRuntime, actor: Actor, vista: TaskListQuery['vista'], filters: TaskFilters, now: Date, search: Prisma.TaskWhereInput): Prisma.TaskWhereInput {
  return {
    AND: [
      // «Dei miei gruppi» is the actor's candidacy, a part of what they may see: repeating the whole of it
      // would only hide from the database that the rows can be found by the due-date index.
      vista === 'gruppi' ? {} : visibleWhere(actor, runtime.regioneEnteId),
      search,
      viewWhere(vista, actor),
      filters.procedura ? { procedura: filters.procedura } : {},
      filters.ente ? { enteId: filters.ente } : {},
      filters.stato ? { stato: filters.stato } : {},
      dueWhere(filters.scadenza, now),
    ],
  };
}

/**
 * How many tasks match, counted once until a task changes (./count-cache). The key holds all that decides
 * the answer: the person, their roles and substitutions of this moment, the view and the filters. Filters on
 * the due date depend on the clock too, and are counted afresh.
 */
function countOf(runtime: ApiRuntime, actor: Actor, vista: TaskListQuery['vista'], filters: TaskFilters, where: Prisma.TaskWhereInput): Promise<number> {
  const compute = () => runtime.db.task.count({ where });
  if (filters.scadenza) return compute();
  const { q, procedura, ente, stato } = filters;
  const key = JSON.stringify([actor.userId, actor.roles, actor.sostituisce ?? [], vista, q?.trim(), procedura, ente, stato]);
  return countCacheOf(runtime.taskChanges).count(key, compute);
}

/** How many tasks each tab holds, with the filters chosen. */
export async function countTasks(runtime: ApiRuntime, actor: Actor, filters: TaskFilters): Promise<TaskCounts> {
  const now = new Date();
  const search = await searchWhere(runtime.db, filters.q);
  const counts = await Promise.all(VISTE.map((vista) => countOf(runtime, actor, vista, filters, listWhere(runtime, actor, vista, filters, now, search))));
  return Object.fromEntries(VISTE.map((vista, index) => [vista, counts[index]!])) as TaskCounts;
}

/** A search with at most this many matches reads them through the word index, then orders them. */
const FEW_MATCHES = 200;

export async function listTasks(runtime: ApiRuntime, actor: Actor, query: TaskListQuery): Promise<Page<TaskSummary>> {
  const { db } = runtime;
  const now = new Date();
  const where = listWhere(runtime, actor, query.vista, query, now, await searchWhere(db, query.q));
  const page = { include: taskInclude, orderBy: orderBy(query.ordina), skip: (query.pagina - 1) * query.perPagina, take: query.perPagina };
  if (!query.q?.trim()) {
    // Side by side rather than in a transaction: at READ COMMITTED each statement has its own snapshot anyway.
    const [rows, total] = await Promise.all([db.task.findMany({ where, ...page }), countOf(runtime, actor, query.vista, query, where)]);
    return { items: rows.map((row) => toSummary(row, now)), total };
  }
  // A search: walking the view's order finds many matches soon, but few only at the end of a large group,
  // so its count (kept until a task changes) decides the way. Few matches are found through the word index,
  // which a statement with no order nor limit uses, and then ordered by their ids. The count only chooses:
  // one a moment stale (a change not yet heard) may make the way slower, never the page wrong.
  const total = await countOf(runtime, actor, query.vista, query, where);
  const rows = total > FEW_MATCHES
    ? await db.task.findMany({ where, ...page })
    : await db.task.findMany({ where: { id: { in: (await db.task.findMany({ where, select: { id: true } })).map((task) => task.id) } }, ...page });
  return { items: rows.map((row) => toSummary(row, now)), total };
}

/** A task the actor may see, or 404 (never 403: another ente's task ids are not confirmed to exist). */
/** A task no longer open; one its procedure closed at its deadline says when that was (a late answer is told the date). */
export function notOpen(task?: { stato: string; dueAt: Date | null; completedAt: Date | null }): AppError {
  if (task?.stato === 'ANNULLATA' && task.dueAt && task.completedAt && task.completedAt >= task.dueAt) {
    return new AppError(TASK_FAILURE.notOpen, 409, `Il termine di questa attività è scaduto il ${formatDate(task.dueAt)} alle ${formatTime(task.dueAt)}: non si può più completare.`);
  }
  return new AppError(TASK_FAILURE.notOpen, 409, "L'attività non è più aperta.");
}

const visibleTaskWhere = (runtime: ApiRuntime, actor: Actor, taskId: string): Prisma.TaskWhereInput => ({ AND: [{ id: taskId }, visibleWhere(actor, runtime.regioneEnteId)] });

export async function findVisibleTask(runtime: ApiRuntime, actor: Actor, taskId: string): Promise<TaskRow> {
  const task = await runtime.db.task.findFirst({ where: visibleTaskWhere(runtime, actor, taskId), include: taskInclude });
  if (!task) throw notFound('Attività');
  return task;
}

/**
 * The task to act on, if the actor may see it: its own row, without the names only its pages show. Read by
 * id first: when the actor's roles cover it (grantCovers, of which candidacyWhere is the query) it is
 * visible and that one plain statement is all — the common case, and hundreds at once at a call's deadline;
 * otherwise the visibility query decides.
 */
export async function findVisibleTaskToAct(runtime: ApiRuntime, actor: Actor, taskId: string): Promise<Task> {
  const [row] = await sqlOf(runtime.db).rows<Task>`
    SELECT "id", "workflowId", "taskKey", "procedura", "titolo", "enteId", "candidateEnteId", "candidateRole", "candidateArea",
      "assigneeId", "dueAt", "formKey", "data", "stato", "outcome", "completedById", "createdAt", "completedAt"
    FROM "Task" WHERE "id" = ${taskId}`;
  if (row && holdsCandidacy(actor, row)) return row;
  const task = row && (await runtime.db.task.findFirst({ where: visibleTaskWhere(runtime, actor, taskId) }));
  if (!task) throw notFound('Attività');
  return task;
}

export async function taskDetail(runtime: ApiRuntime, actor: Actor, taskId: string): Promise<TaskDetail> {
  const { db } = runtime;
  const task = await findVisibleTask(runtime, actor, taskId);
  const [events, comments, timeline, documents] = await Promise.all([
    db.taskEvent.findMany({ where: { taskId }, orderBy: { at: 'asc' } }),
    commentsOf(db, taskId),
    procedureTimeline(db, task.workflowId),
    documentsOfProcedure(db, task.workflowId),
  ]);
  const people = await namesOf(db, events.flatMap((event) => [event.actorId, ...peopleNamedIn(event.details)]));
  const open = task.stato === 'APERTA';
  const candidate = holdsCandidacy(actor, { candidateEnteId: task.candidateEnteId, candidateRole: task.candidateRole, candidateArea: task.candidateArea });
  // A task its holder took under a role since revoked is free for the group (acting on it returns it first).
  const free = task.assigneeId === null || (task.assigneeId !== actor.userId && (await revokedAssignee(runtime, task)) !== null)
    || (task.assigneeId !== null && (actor.sostituisce ?? []).includes(task.assigneeId));
  return {
    ...toSummary(task),
    formKey: task.formKey,
    data: task.data as Record<string, unknown>,
    outcome: (task.outcome as Record<string, unknown> | null) ?? null,
    workflowId: task.workflowId,
    documents,
    // Its events and the comments written on it, in the order they happened.
    history: [
      ...events.map((event) => ({
        at: event.at,
        tipo: event.tipo,
        actor: event.actorId ? { id: event.actorId, nomeCompleto: people.get(event.actorId) ?? '' } : null,
        details: event.details,
        descrizione: describeTaskEvent(event, task.formKey, people),
      })),
      ...comments.map((comment) => ({ at: comment.at, tipo: 'COMMENTO' as const, actor: comment.author, details: null, descrizione: comment.testo, allegati: comment.allegati })),
    ]
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((entry) => ({ ...entry, at: entry.at.toISOString() })),
    timeline,
    canClaim: open && free && candidate,
    canRelease: open && task.assigneeId === actor.userId,
    canReassign: open && (task.assigneeId === actor.userId || (free && candidate)),
    canComplete: open && (task.assigneeId === actor.userId || (free && candidate)),
  };
}

/**
 * Every document of a procedure, in the order they were filed: what the ente sent (an act of appointment,
 * a communication's attachments, a flusso) and what the procedure produced (acts, receipts, reports).
 */
async function documentsOfProcedure(db: Db, workflowId: string): Promise<FileRef[]> {
  const [documents, notMoved] = await Promise.all([
    db.document.findMany({
      where: { workflowId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      select: { id: true, titolo: true, filename: true, mimeType: true, size: true },
    }),
    // Attachments sent before the store took them, until the platform's start has moved them.
    db.attachment.findMany({ where: { communication: { workflowId }, documentId: null }, select: { id: true, filename: true, mimeType: true, size: true } }),
  ]);
  return [
    ...documents.map((document) => ({ ...document, url: `/api/documenti/${document.id}` })),
    ...notMoved.map((file) => ({ ...file, titolo: file.filename, url: `/api/allegati/${file.id}` })),
  ];
}

export const procedureTypes = () => PROCEDURES.filter((procedure) => procedure.forms.length > 0).map((procedure) => ({ value: procedure.id, label: procedure.label }));
