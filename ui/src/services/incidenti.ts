import { http } from './http';

export type IncidenteStato = 'APERTO' | 'RITENTATO' | 'RISOLTO';

/** An administrator's answer to an open incident. */
export type AzioneIncidente = 'riprova' | 'risolvi';

/** A step of a procedure that failed for good and waits for an administrator. */
export interface Incidente {
  id: string;
  workflowId: string;
  step: string;
  errore: string;
  stato: IncidenteStato;
  enteId: string | null;
  enteDenominazione: string | null;
  createdAt: string;
  closedAt: string | null;
  chiusoDa: string | null;
  nota: string | null;
}

const incidentePath = (id: string) => `/api/admin/incidenti/${encodeURIComponent(id)}`;

export const listIncidenti = (stato?: IncidenteStato) =>
  http.get<{ items: Incidente[] }>('/api/admin/incidenti', { stato }).then((response) => response.items);

/** Has the procedure try the failed step again. */
export const riprovaIncidente = (id: string, nota?: string) =>
  http.post<{ ok: true }>(`${incidentePath(id)}/riprova`, { nota });

/** Declares the step done by other means; the note says how. */
export const risolviIncidente = (id: string, nota: string) =>
  http.post<{ ok: true }>(`${incidentePath(id)}/risolvi`, { nota });
