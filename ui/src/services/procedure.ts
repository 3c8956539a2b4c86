import type { ProceduraDetail, ProcedurePage } from '@api/admin/views';
import { http } from './http';

export type { Esecuzione, ProceduraDetail, ProceduraSummary } from '@api/admin/views';

export interface ProcedureQuery {
  tipo?: string;
  ente?: string;
  stato?: string;
  esecuzione?: string;
  pageToken?: string;
}

export const listProcedure = (query: ProcedureQuery) =>
  http.get<ProcedurePage>('/api/admin/procedure', { ...query });

export const getProcedura = (workflowId: string) =>
  http.get<ProceduraDetail>(`/api/admin/procedure/${encodeURIComponent(workflowId)}`);
