import { http, idempotencyKey } from './http';
import type { Page } from './types';

import type { EnteRicognizione, EsitoRicognizione, PortataRicognizione, Ricognizione, RicognizioneSintesi } from '@api/ricognizioni/views';

export type { EnteRicognizione, EsitoRicognizione, PortataRicognizione, Ricognizione, RicognizioneSintesi, RicognizioneStato, Totali } from '@api/ricognizioni/views';

export interface FiltroEnti {
  esito?: EsitoRicognizione;
  inRitardo?: 'true';
  tipo?: 'ARCA' | 'ALER' | 'COMUNE';
  q?: string;
}

export interface NuovaRicognizione {
  dataRiferimento: string;
  /** YYYY-MM-DD: the whole day counts. */
  scadenza: string;
  sollecitiGiorni: number[];
  /** Absent: every ARCA, ALER and Comune. */
  enteIds?: string[];
  /** The Comune capofila of an ambito transmits for its members. */
  perAmbito?: boolean;
}

export const listRicognizioni = () => http.get<{ items: RicognizioneSintesi[] }>('/api/ricognizioni');
export const getRicognizione = (id: string) => http.get<Ricognizione>(`/api/ricognizioni/${id}`);
export const listEntiRicognizione = (id: string, filtro: FiltroEnti, page: { pagina: number; perPagina: number }) =>
  http.get<Page<EnteRicognizione>>(`/api/ricognizioni/${id}/enti`, { ...filtro, ...page });
export const apriRicognizione = (input: NuovaRicognizione) => http.post<{ id: string; workflowId: string; enti: number }>('/api/ricognizioni', input, { headers: idempotencyKey() });
export const prorogaRicognizione = (id: string, scadenza: string) => http.post<{ scadenza: string }>(`/api/ricognizioni/${id}/proroga`, { scadenza });
export const chiudiRicognizione = (id: string) => http.post<void>(`/api/ricognizioni/${id}/chiusura`);

/** The Excel of the enti as the filter shows them. */
export function excelUrl(id: string, filtro: FiltroEnti): string {
  const query = new URLSearchParams(Object.entries(filtro).filter(([, value]) => value) as [string, string][]).toString();
  return `/api/ricognizioni/${id}/enti.xlsx${query ? `?${query}` : ''}`;
}

/** Before opening: how many enti the scope reaches, and which have no PEC address. */
export const portataRicognizione = (enteIds?: string[]) =>
  http.get<PortataRicognizione>('/api/ricognizioni/portata', enteIds ? { enteIds: enteIds.join(',') } : {});
