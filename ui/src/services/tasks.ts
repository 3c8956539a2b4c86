import { http, idempotencyKey, upload } from './http';
import type { BulkOutcome as EsitoInBlocco, SavedTaskViewSummary as VistaSalvata, TaskCounts, TaskDetail, TaskSummary } from '@api/tasks/views';
import type { Page, Person } from './types';

export type { TaskCounts, TaskDetail, TaskHistoryTipo, TaskStato, TaskSummary } from '@api/tasks/views';
export type TaskVista = 'da-fare' | 'mie' | 'gruppi' | 'completate';
export type TaskScadenza = 'scadute' | 'oggi' | 'settimana';

export interface TaskQuery {
  vista: TaskVista;
  q?: string;
  procedura?: string;
  ente?: string;
  stato?: string;
  scadenza?: string;
  /** A column name, prefixed by "-" for descending order. */
  ordina?: string;
  pagina: number;
  perPagina: number;
}

const taskPath = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;

export const listTasks = (query: TaskQuery) => http.get<Page<TaskSummary>>('/api/tasks', { ...query });

/** How many tasks each tab holds, with the same filters as the list. */
export const countTasks = (filters: Omit<TaskQuery, 'vista' | 'ordina' | 'pagina' | 'perPagina'>) => http.get<TaskCounts>('/api/tasks/conteggi', { ...filters });

export const listProcedureTypes = () =>
  http.get<{ items: { value: string; label: string }[] }>('/api/tasks/procedure-types').then((r) => r.items);

export const getTask = (id: string) => http.get<TaskDetail>(taskPath(id));

export const claimTask = (id: string) => http.post<TaskDetail>(`${taskPath(id)}/claim`);

export const releaseTask = (id: string) => http.post<TaskDetail>(`${taskPath(id)}/release`);

export const reassignTask = (id: string, assigneeId: string) =>
  http.post<TaskDetail>(`${taskPath(id)}/reassign`, { assigneeId });

export const listCandidates = (id: string) =>
  http.get<{ items: Person[] }>(`${taskPath(id)}/candidates`).then((r) => r.items);

/**
 * Hands the human decision to the workflow; a 422 names the field the workflow's validator rejected.
 * `idempotencyKey` is the decision's: a retry with it is recorded once and answers as the first call did.
 */
export const completeTask = (id: string, decision: Record<string, unknown>, idempotencyKey: string) =>
  http.post<{ ok: true }>(`${taskPath(id)}/complete`, { decision }, { headers: { 'Idempotency-Key': idempotencyKey } });

/** Files a document for a file field of the task's form (a PDF), reporting the upload's progress (0–1); the decision then names its id. */
export function caricaDocumentoAttivita(taskId: string, campo: string, file: File, onProgress: (fraction: number) => void) {
  const form = new FormData();
  form.append('file', file, file.name);
  return upload<{ id: string }>(`/api/tasks/${taskId}/documenti/${campo}`, form, onProgress);
}


export type { VistaSalvata };

/** The person's saved inbox views, by name. */
export const listViste = () => http.get<{ items: VistaSalvata[] }>('/api/tasks/viste').then((r) => r.items);

/** Saves the inbox's view under a name; the same name replaces the view saved before. */
export const salvaVista = (nome: string, query: Record<string, string>) => http.post<VistaSalvata>('/api/tasks/viste', { nome, query });

export const eliminaVista = (id: string) => http.delete<{ items: VistaSalvata[] }>(`/api/tasks/viste/${encodeURIComponent(id)}`).then((r) => r.items);

export type { EsitoInBlocco };

/** Takes, or gives to a colleague, many tasks at once: the answer says, task by task, what was refused. */
export const agisciInBlocco = (azione: 'PRENDI_IN_CARICO' | 'RIASSEGNA', taskIds: string[], assigneeId?: string) =>
  http.post<{ esiti: EsitoInBlocco[] }>('/api/tasks/in-blocco', { azione, taskIds, ...(assigneeId ? { assigneeId } : {}) }).then((r) => r.esiti);

/** Adds a comment to a task, with its attachments (reporting the upload's progress, 0–1). */
export function commentaAttivita(taskId: string, testo: string, allegati: File[], onProgress: (fraction: number) => void) {
  const form = new FormData();
  form.append('testo', testo);
  for (const file of allegati) form.append('allegati', file, file.name);
  return upload<{ id: string }>(`${taskPath(taskId)}/commenti`, form, onProgress, idempotencyKey());
}
