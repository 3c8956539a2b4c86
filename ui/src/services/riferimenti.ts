import type { Comune } from '@api/enti/views';
import { http } from './http';

export type { Comune } from '@api/enti/views';

export const listComuni = () =>
  http.get<{ items: Comune[] }>('/api/riferimenti/comuni').then((response) => response.items);
