import { temporal } from '@temporalio/proto';
import type { Payload } from '@temporalio/common';
import { decodeTypedSearchAttributes } from '@temporalio/common/lib/converter/payload-search-attributes';
import { SA_ENTE, SA_PROCEDURA, SA_STATO } from '../../temporal-config/settings';
import { procedureLabel, stateLabel } from '../../workflows/shared/procedures';
import { AppError, notFound } from '../errors';
import type { ApiRuntime } from '../runtime';
import type { Esecuzione, ProceduraDetail, ProceduraSummary, ProcedurePage } from './views';
import { procedureTimeline } from '../timeline';
import { businessPageOf } from './business-page';

export const EXECUTION_STATUSES = ['Running', 'Completed', 'Failed', 'Canceled', 'Terminated', 'TimedOut', 'ContinuedAsNew'] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number] & Esecuzione;

export interface ProcedureFilter {
  tipo?: string;
  ente?: string;
  stato?: string;
  esecuzione?: ExecutionStatus;
  pageToken?: string;
}

const STATUS_NAMES: Record<number, ExecutionStatus> = {
  1: 'Running', 2: 'Completed', 3: 'Failed', 4: 'Canceled', 5: 'Terminated', 6: 'ContinuedAsNew', 7: 'TimedOut',
};

/**
 * gRPC status codes with which Temporal refuses a page token it never issued: INVALID_ARGUMENT, or
 * UNKNOWN ("something went wrong") when the token does not even decode.
 */
const BAD_TOKEN_CODES = new Set([2, 3]);

/** Visibility queries take string literals: quote them safely. */
const literal = (value: string) => `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;

export function visibilityQuery(filter: ProcedureFilter): string {
  const clauses = ['PushProcedura IS NOT NULL'];
  if (filter.tipo) clauses.push(`PushProcedura = ${literal(filter.tipo)}`);
  if (filter.ente) clauses.push(`PushEnte = ${literal(filter.ente)}`);
  if (filter.stato) clauses.push(`PushStato = ${literal(filter.stato)}`);
  if (filter.esecuzione) clauses.push(`ExecutionStatus = ${literal(filter.esecuzione)}`);
  // No ORDER BY: SQLite and standard visibility refuse it, and both list the newest first.
  return clauses.join(' AND ');
}

const toDate = (timestamp: { seconds?: { toNumber(): number } | number | null; nanos?: number | null } | null | undefined) => {
  if (!timestamp?.seconds) return null;
  const seconds = typeof timestamp.seconds === 'number' ? timestamp.seconds : timestamp.seconds.toNumber();
  return new Date(seconds * 1000 + Math.floor((timestamp.nanos ?? 0) / 1e6)).toISOString();
};

type ExecutionInfo = temporal.api.workflow.v1.IWorkflowExecutionInfo;

async function toItems(runtime: ApiRuntime, executions: ExecutionInfo[]): Promise<ProceduraSummary[]> {
  const rows = executions.map((info) => {
    const attributes = decodeTypedSearchAttributes(info.searchAttributes?.indexedFields as Record<string, Payload> | undefined);
    const workflowId = info.execution?.workflowId ?? '';
    const runId = info.execution?.runId ?? '';
    const tipo = attributes.get(SA_PROCEDURA) ?? '';
    return {
      workflowId,
      runId,
      tipo,
      tipoLabel: procedureLabel(tipo),
      enteId: attributes.get(SA_ENTE) ?? null,
      statoPratica: attributes.get(SA_STATO) ?? null,
      statoPraticaLabel: attributes.get(SA_STATO) ? stateLabel(attributes.get(SA_STATO)!, tipo) : null,
      esecuzione: STATUS_NAMES[info.status ?? 0] ?? 'Running',
      startTime: toDate(info.startTime),
      closeTime: toDate(info.closeTime),
      temporalUiUrl: runtime.temporalUiUrl
        ? `${runtime.temporalUiUrl}/namespaces/${encodeURIComponent(runtime.namespace)}/workflows/${encodeURIComponent(workflowId)}/${encodeURIComponent(runId)}/history`
        : null,
    };
  });
  const enti = await runtime.db.ente.findMany({
    where: { id: { in: rows.map((row) => row.enteId).filter((id): id is string => id !== null) } },
    select: { id: true, denominazione: true },
  });
  const names = new Map(enti.map((ente) => [ente.id, ente.denominazione]));
  return rows.map((row) => ({ ...row, enteDenominazione: row.enteId ? (names.get(row.enteId) ?? null) : null }));
}

/** Running and finished procedures, from Temporal's visibility store, page by page. */
export async function listProcedures(runtime: ApiRuntime, filter: ProcedureFilter, pageSize = 50): Promise<ProcedurePage> {
  const response = await runtime.temporal.workflowService.listWorkflowExecutions({
    namespace: runtime.namespace,
    query: visibilityQuery(filter),
    pageSize,
    nextPageToken: filter.pageToken ? Buffer.from(filter.pageToken, 'base64url') : undefined,
  }).catch((error: unknown) => {
    // A token Temporal never issued (or issued for other filters) is the client's mistake, not a fault.
    if (filter.pageToken && BAD_TOKEN_CODES.has((error as { code?: number }).code ?? 0)) {
      throw new AppError('DATI_NON_VALIDI', 422, 'pageToken: pagina non valida, riparti dalla prima', 'pageToken');
    }
    throw error;
  });
  const token = response.nextPageToken && response.nextPageToken.length > 0 ? Buffer.from(response.nextPageToken).toString('base64url') : null;
  return { items: await toItems(runtime, response.executions ?? []), nextPageToken: token };
}

export async function procedureDetail(runtime: ApiRuntime, workflowId: string): Promise<ProceduraDetail> {
  const handle = runtime.temporal.workflow.getHandle(workflowId);
  let description;
  try {
    description = await handle.describe();
  } catch {
    throw notFound('Procedura');
  }
  const [item] = await toItems(runtime, [description.raw.workflowExecutionInfo ?? {}]);
  const [history, passi, paginaPratica, attivita, incidenti] = await Promise.all([
    handle.fetchHistory(),
    procedureTimeline(runtime.db, workflowId),
    businessPageOf(runtime.db, item!.tipo, workflowId),
    runtime.db.task.findMany({ where: { workflowId, stato: 'APERTA' }, orderBy: { createdAt: 'asc' }, include: { assignee: { select: { nome: true, cognome: true } } } }),
    runtime.db.incident.findMany({ where: { workflowId }, orderBy: { createdAt: 'asc' } }),
  ]);
  return {
    ...item!,
    // In business terms first: its steps in Italian, where it lives, who has what to do, what went wrong.
    passi,
    paginaPratica,
    attivita: attivita.map((task) => ({
      id: task.id,
      titolo: task.titolo,
      assegnatario: task.assignee ? `${task.assignee.nome} ${task.assignee.cognome}` : null,
      dueAt: task.dueAt?.toISOString() ?? null,
    })),
    incidenti: incidenti.map((incident) => ({ id: incident.id, step: incident.step, errore: incident.errore, stato: incident.stato, createdAt: incident.createdAt.toISOString() })),
    history: (history.events ?? []).map((event) => ({
      eventId: Number(event.eventId ?? 0),
      eventType: temporal.api.enums.v1.EventType[event.eventType ?? 0] ?? String(event.eventType),
      time: toDate(event.eventTime),
    })),
  };
}
