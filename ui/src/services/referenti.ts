import { http } from './http';
import type { Area } from './session';

/** One nomination of a person as the ente's referente for one area; revoked ones stay as history. */
export interface Referente {
  id: string;
  area: Area;
  attiva: boolean;
  nominataIl: string;
  revocataIl: string | null;
  utente: {
    id: string;
    codiceFiscale: string;
    nome: string;
    cognome: string;
    email: string | null;
    nomeCompleto: string;
  };
}

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
