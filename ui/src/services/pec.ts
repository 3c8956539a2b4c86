import type { PecMessaggio } from '@api/pec/views';
import { http } from './http';

export type { PecStato } from '@api/views';

export type { PecMessaggio, Ricevuta, RicevutaTipo } from '@api/pec/views';

export const getPec = (id: string) => http.get<PecMessaggio>(`/api/pec/${encodeURIComponent(id)}`);
