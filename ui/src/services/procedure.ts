import { http } from './http';

/** Temporal's execution statuses, as the API passes them through. */
export type Esecuzione = 'Running' | 'Completed' | 'Failed' | 'Canceled' | 'Terminated' | 'TimedOut';

export interface ProceduraSummary {
  workflowId: string;
  runId: string;
  tipo: string;
  tipoLabel: string;
  enteId: string | null;
  enteDenominazione: string | null;
  statoPratica: string | null;
  esecuzione: Esecuzione;
  startTime: string;
  closeTime: string | null;
  temporalUiUrl: string | null;
}

export interface ProceduraDetail extends ProceduraSummary {
  history: { eventId: string; eventType: string; time: string }[];
}

export interface ProcedureQuery {
  tipo?: string;
  ente?: string;
  stato?: string;
  esecuzione?: string;
  pageToken?: string;
}

export const listProcedure = (query: ProcedureQuery) =>
  http.get<{ items: ProceduraSummary[]; nextPageToken: string | null }>('/api/admin/procedure', { ...query });

export const getProcedura = (workflowId: string) =>
  http.get<ProceduraDetail>(`/api/admin/procedure/${encodeURIComponent(workflowId)}`);
