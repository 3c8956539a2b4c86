import type { Incidente, IncidenteStato } from '@api/admin/views';
import { http } from './http';

export type { Incidente, IncidenteStato } from '@api/admin/views';

/** An administrator's answer to an open incident. */
export type AzioneIncidente = 'riprova' | 'risolvi';

const incidentePath = (id: string) => `/api/admin/incidenti/${encodeURIComponent(id)}`;

export const listIncidenti = (stato?: IncidenteStato) =>
  http.get<{ items: Incidente[] }>('/api/admin/incidenti', { stato }).then((response) => response.items);

/** Has the procedure try the failed step again; a PEC not delivered, to `pec` when the address was corrected. */
export const riprovaIncidente = (id: string, nota?: string, pec?: string) =>
  http.post<{ ok: true }>(`${incidentePath(id)}/riprova`, { nota, pec });

/** Declares the step done by other means; the note says how. */
export const risolviIncidente = (id: string, nota: string) =>
  http.post<{ ok: true }>(`${incidentePath(id)}/risolvi`, { nota });
