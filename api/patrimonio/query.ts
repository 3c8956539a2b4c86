// The stock browser's query string, shared by the list, its Excel export, the summary and the map:
// the filters of Lombardy's anagrafe (ente, Comune, stato, uso, edificio, testo) at a date, and the
// planner's three lists. Every value is checked here, so a bad one is a 422 naming the parameter.
import { z } from 'zod';
import type { StockFilter, StockSortField } from '../../activities/stock';
import { StatoUnita, UsoUnita } from '../../prisma/generated/enums';
import { calendarDate, optionalQuery, pagination, text } from '../validation';
import { isoDayInItaly } from '../sostituzioni/substitutions';

/** The planner's lists, by the name the URL carries, and the state each one lists. */
export const LISTE = {
  liberi: StatoUnita.LIBERO,
  'sfitti-carenze-manutentive': StatoUnita.SFITTO_CARENZE_MANUTENTIVE,
  'sfitti-ristrutturazione': StatoUnita.SFITTO_RISTRUTTURAZIONE,
} as const satisfies Record<string, StatoUnita>;
export type Lista = keyof typeof LISTE;

const SORT_FIELDS = ['codice', 'ente', 'comune', 'indirizzo', 'stato', 'uso', 'superficie', 'canoneMensile', 'dataVendita'] as const satisfies readonly StockSortField[];
const ORDINA = SORT_FIELDS.flatMap((field) => [field, `-${field}`] as const);


const ZData = calendarDate('usa il formato AAAA-MM-GG');

/**
 * `stato=LIBERO,LOCATO` or `stato=LIBERO&stato=LOCATO`: both read as a list. A wrong value is reported
 * against the parameter itself (not `stato.1`), naming the value and the ones allowed.
 */
const listOf = <T extends string>(values: readonly T[], what: string) =>
  optionalQuery(
    z.preprocess(
      (value) => (Array.isArray(value) ? value : [value]).flatMap((item) => String(item).split(',')).map((item) => item.trim()).filter(Boolean),
      z
        .array(z.string())
        .min(1)
        .superRefine((items, context) => {
          const wrong = items.find((item) => !(values as readonly string[]).includes(item));
          if (wrong !== undefined) context.addIssue({ code: 'custom', message: `«${wrong}» non è ${what} ammesso: usa ${values.join(', ')}` });
        })
        .transform((items) => items as T[]),
    ),
  );

const STATI = Object.values(StatoUnita);
const USI = Object.values(UsoUnita);

export const ZStockFilter = z.object({
  data: optionalQuery(ZData),
  ente: optionalQuery(z.string().uuid('scegli un ente dall’elenco')),
  comune: optionalQuery(z.string().regex(/^\d{6}$/, 'indica il codice ISTAT del Comune (6 cifre)')),
  stato: listOf(STATI, 'uno stato'),
  uso: listOf(USI, 'un uso'),
  edificio: optionalQuery(text().trim().min(1).max(100, 'al massimo 100 caratteri')),
  q: optionalQuery(text().trim().max(100, 'al massimo 100 caratteri')),
  lista: optionalQuery(z.enum(Object.keys(LISTE) as [Lista, ...Lista[]], { error: `lista non ammessa: usa ${Object.keys(LISTE).join(', ')}` })),
});
export type StockQuery = z.infer<typeof ZStockFilter>;

export const ZStockPage = ZStockFilter.extend({
  ordina: optionalQuery(z.enum(ORDINA, { error: `ordinamento non ammesso: usa ${SORT_FIELDS.join(', ')} (con - davanti per l’ordine decrescente)` })),
  ...pagination,
});

/** The state filter once the list is applied: a list narrows `stato` to its state (nothing, if `stato` excludes it). */
function stati(query: StockQuery): StatoUnita[] | undefined {
  if (!query.lista) return query.stato;
  const listed = LISTE[query.lista];
  return query.stato ? query.stato.filter((stato) => stato === listed) : [listed];
}

/** The activities' filter for a parsed query, within the caller's visibility (undefined: every ente). */
export function toStockFilter(query: StockQuery, enteIds: readonly string[] | undefined): StockFilter {
  return {
    // "Alla data del" defaults to today in Italy, whatever the server's time zone.
    date: query.data ?? isoDayInItaly(),
    enteIds,
    ente: query.ente,
    istatComune: query.comune,
    stato: stati(query),
    uso: query.uso,
    building: query.edificio,
    q: query.q || undefined,
  };
}

export function toSort(ordina: (typeof ORDINA)[number] | undefined): { field: StockSortField; direction: 'asc' | 'desc' } | undefined {
  if (!ordina) return undefined;
  return ordina.startsWith('-') ? { field: ordina.slice(1) as StockSortField, direction: 'desc' } : { field: ordina as StockSortField, direction: 'asc' };
}
