import type { ComuneRiferimento } from '@api/admin/riferimenti-comuni';
import { http } from './http';

export type { ComuneRiferimento } from '@api/admin/riferimenti-comuni';

export interface FiltriComuniRiferimento {
  q?: string;
  provincia?: string;
  ata?: 'si' | 'no';
}

/** The Comuni with their reference data (ATA, population), as the administrator filters them. */
export const getComuniRiferimento = (filtri: FiltriComuniRiferimento) =>
  http.get<{ items: ComuneRiferimento[]; province: string[] }>('/api/admin/comuni', { ...filtri });

export const salvaRiferimentiComune = (id: string, valori: { ata: boolean; abitanti: number | null }) =>
  http.put<ComuneRiferimento>(`/api/admin/comuni/${encodeURIComponent(id)}`, valori);
