import type { Ente } from '@api/enti/views';
import { http } from './http';

export type { Ente, EnteStato, EnteTipo } from '@api/enti/views';

/** The enti the user may see, optionally narrowed by text (`q`) or type. */
export const listEnti = (filter: { q?: string; tipo?: string } = {}) =>
  http.get<{ items: Ente[] }>('/api/enti', filter).then((page) => page.items);

/** One ente the user may see, by id (null if none): a filter restored from the page's address names it. */
export const getEnte = (id: string) => http.get<{ items: Ente[] }>('/api/enti', { id }).then((page) => page.items[0] ?? null);
