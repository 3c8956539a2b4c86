import { http } from './http';

export interface Ente {
  id: string;
  codice: string;
  denominazione: string;
  tipo: string;
  stato: string;
}

/** The enti the user may see, optionally narrowed by text (`q`) or type. */
export const listEnti = (filter: { q?: string; tipo?: string } = {}) =>
  http.get<{ items: Ente[] }>('/api/enti', filter).then((page) => page.items);
