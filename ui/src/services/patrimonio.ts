import { http } from './http';
import type { SnapshotTipo } from './flussi';
import type { Page } from './types';
import type { StatoUnita, StockUnit, UsoUnita } from '@activities/stock/types';

export type { StatoUnita, UsoUnita } from '@activities/stock/types';
/** The planner's three lists. */
export type Lista = 'liberi' | 'sfitti-carenze-manutentive' | 'sfitti-ristrutturazione';

/** The stock browser's filters as the URL and the API carry them: strings, "" for none, lists comma-separated. */
export type StockFilters = {
  /** "alla data del", YYYY-MM-DD; "" for today. */
  data: string;
  ente: string;
  /** ISTAT code. */
  comune: string;
  stato: string;
  uso: string;
  edificio: string;
  q: string;
  lista: string;
};

/** A unit as the API answers it: the API's own type, not a copy. */
export type Unita = StockUnit;

export interface UnitaPage extends Page<Unita> {
  /** The date the stock is shown as of. */
  data: string;
}

export interface Counts {
  units: number;
  inPatrimonio: number;
}

export interface EnteRiepilogo extends Counts {
  enteId: string;
  codice: string;
  denominazione: string;
  tipo: string;
  dataRiferimento: string;
  snapshotTipo: SnapshotTipo;
  buildings: number;
  byStato: Record<StatoUnita, number>;
}

export interface Riepilogo {
  date: string;
  totals: Counts & { enti: number; buildings: number };
  byEnte: EnteRiepilogo[];
  byStato: Record<StatoUnita, number>;
  byUso: Record<UsoUnita, number>;
}

export interface EdificioMappa {
  enteId: string;
  ente: string;
  codice: string;
  indirizzo: string;
  istatComune: string;
  comune: string | null;
  latitudine: number;
  longitudine: number;
  units: number;
  inPatrimonio: number;
  liberi: number;
  sfittiCarenzeManutentive: number;
  sfittiRistrutturazione: number;
  corrispondenti: number;
}

export interface UnitaEdificio {
  codice: string;
  stato: StatoUnita;
  uso: UsoUnita;
  superficie: number;
  dataVendita: string | null;
  canoneMensile: string | null;
}

export interface DatiEdificio {
  codice: string;
  indirizzo: string;
  istatComune: string;
  latitudine: number | null;
  longitudine: number | null;
  annoCostruzione: number | null;
  piani: number | null;
  statoConservazione: string | null;
}

export type Valore = string | number | null;

/** What changed at one snapshot, against the one before. */
export interface Variazioni {
  snapshotId: string;
  dataRiferimento: string;
  tipo: SnapshotTipo;
  unita: number;
  precedente: string | null;
  edificio: { campo: keyof DatiEdificio; prima: Valore; dopo: Valore }[];
  aggiunte: string[];
  rimosse: string[];
  variazioni: { codice: string; campo: keyof UnitaEdificio; prima: Valore; dopo: Valore }[];
}

export interface Edificio {
  data: string;
  ente: { id: string; codice: string; denominazione: string; tipo: string };
  codice: string;
  comune: string | null;
  /** The building in the ente's stock as of the date; null if it entered it later. */
  corrente: { snapshotId: string; dataRiferimento: string; tipo: SnapshotTipo; building: DatiEdificio; units: UnitaEdificio[] } | null;
  storia: Variazioni[];
}

export interface Esportazione {
  id: string;
  stato: 'IN_CORSO' | 'PRONTA' | 'ERRORE';
  scritte: number;
  totale: number | null;
  fileUrl: string | null;
}

export const listUnita = (filters: StockFilters, page: { ordina: string; pagina: number; perPagina: number }) =>
  http.get<UnitaPage>('/api/patrimonio/unita', { ...filters, ...page });

export const getRiepilogo = (filter: { data: string; ente: string }) => http.get<Riepilogo>('/api/patrimonio/riepilogo', filter);

export const getMappa = (filters: StockFilters) => http.get<{ data: string; items: EdificioMappa[] }>('/api/patrimonio/mappa', { ...filters });

export const getEdificio = (enteId: string, codice: string, data: string) =>
  http.get<Edificio>(`/api/patrimonio/edifici/${encodeURIComponent(enteId)}/${encodeURIComponent(codice)}`, { data });

/** Starts an Excel export of the units matching the filters; follow it with getEsportazione. */
export const avviaEsportazione = (filters: StockFilters) =>
  http.post<Esportazione>('/api/patrimonio/esportazioni', Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== '')));

export const getEsportazione = (id: string) => http.get<Esportazione>(`/api/patrimonio/esportazioni/${encodeURIComponent(id)}`);
