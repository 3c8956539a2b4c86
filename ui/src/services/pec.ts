import type { PecMessaggio } from '@api/pec/views';
import { http } from './http';

export type { PecStato } from '@api/views';

export type { PecMessaggio, Ricevuta, RicevutaTipo } from '@api/pec/views';

export const getPec = (id: string) => http.get<PecMessaggio>(`/api/pec/${encodeURIComponent(id)}`);

/** Where the receipt, as the provider sent it, is downloaded from. */
export const ricevutaUrl = (documentId: string) => `/api/documenti/${encodeURIComponent(documentId)}`;
