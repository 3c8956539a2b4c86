import { http } from './http';

/** One of the Comuni of Puglia, from the reference data. */
export interface Comune {
  istat: string;
  nome: string;
  provincia: string;
  siglaProvincia: string;
}

export const listComuni = () =>
  http.get<{ items: Comune[] }>('/api/riferimenti/comuni').then((response) => response.items);
