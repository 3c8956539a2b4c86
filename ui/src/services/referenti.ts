import type { Referente } from '@api/enti/views';
import { http } from './http';
import type { Area } from './session';

export type { Referente } from '@api/enti/views';

export interface NuovoReferente {
  codiceFiscale: string;
  nome: string;
  cognome: string;
  email?: string;
  aree: Area[];
}

const referentiPath = (enteId: string) => `/api/enti/${encodeURIComponent(enteId)}/referenti`;

/** Every call answers with the ente's nominations as they are afterwards. */
type Referenti = { items: Referente[] };
const itemsOf = (response: Referenti) => response.items;

export const listReferenti = (enteId: string) => http.get<Referenti>(referentiPath(enteId)).then(itemsOf);

export const nominaReferente = (enteId: string, input: NuovoReferente) =>
  http.post<Referenti>(referentiPath(enteId), input).then(itemsOf);

export const revocaReferente = (enteId: string, roleId: string) =>
  http.delete<Referenti>(`${referentiPath(enteId)}/${encodeURIComponent(roleId)}`).then(itemsOf);
