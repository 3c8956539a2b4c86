import type { Sostituzioni } from '@api/sostituzioni/views';
import { http } from './http';
import type { Person } from './types';

export type { SostituzioneView, Sostituzioni } from '@api/sostituzioni/views';

export const getSostituzioni = () => http.get<Sostituzioni>('/api/sostituzioni');

/** The colleagues with one of my roles: who may substitute me. */
export const listColleghi = () => http.get<{ items: Person[] }>('/api/sostituzioni/colleghi').then((r) => r.items);

export const nominaSostituto = (input: { sostitutoId: string; dal: string; al: string }) => http.post<Sostituzioni>('/api/sostituzioni', input);

export const togliSostituzione = (id: string) => http.delete<Sostituzioni>(`/api/sostituzioni/${encodeURIComponent(id)}`);
