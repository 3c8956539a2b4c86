import type { StockFilters } from '@/services/patrimonio';
import { computed } from 'vue';
import { useQueryState } from './useQueryState';

export const STOCK_FILTER_DEFAULTS: StockFilters = { data: '', ente: '', comune: '', stato: '', uso: '', edificio: '', q: '', lista: '' };
const FILTER_KEYS = Object.keys(STOCK_FILTER_DEFAULTS) as (keyof StockFilters)[];

/** The filters set (non-empty), as a route query: the list and the map link to each other with them. */
export function filterQuery(filters: StockFilters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== ''));
}

/**
 * The stock browser's state in the URL, shared by the list and the map: the filters, plus the page's own
 * keys (sort and page for the list). A link reproduces the view.
 */
export function useStockQuery<E extends Record<string, string>>(extra: E) {
  const { state, update } = useQueryState<StockFilters & E>({ ...STOCK_FILTER_DEFAULTS, ...extra });
  const filters = computed<StockFilters>(() => Object.fromEntries(FILTER_KEYS.map((key) => [key, state.value[key]])) as unknown as StockFilters);
  return { state, filters, update };
}

/** Today in Italy, as YYYY-MM-DD: the date an empty "alla data del" stands for. */
export const todayInItaly = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
