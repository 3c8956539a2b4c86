// The figures of the stock as of a date, for the campaign page and the dashboard: per ente (with its
// snapshot's date and tipo, so "who transmitted what" reads off the same rows), by state, by use, by
// province of the building, and ARCA against Comuni. One grouped pass over the units; the sums are JS.
import type { Db } from '../../prisma/client';
import { EnteTipo, type SnapshotTipo, StatoUnita, UsoUnita } from '../../prisma/generated/enums';
import { type AsOfScope, latestSnapshots, OUT_OF_STOCK } from './as-of-sql';

interface Counts {
  units: number;
  /** Units still in the patrimony: neither sold nor demolished. */
  inPatrimonio: number;
}

export interface EnteSummary extends Counts {
  enteId: string;
  codice: string;
  denominazione: string;
  tipo: EnteTipo;
  snapshotId: string;
  dataRiferimento: string;
  snapshotTipo: SnapshotTipo;
  buildings: number;
  byStato: Record<StatoUnita, number>;
}

export type EnteGroup = 'ARCA' | 'COMUNI' | 'ALTRI';

export interface StockSummary {
  date: string;
  totals: Counts & { enti: number; buildings: number };
  /** Every visible ente with a snapshot on or before the date, by name; empty snapshots included. */
  byEnte: EnteSummary[];
  byStato: Record<StatoUnita, number>;
  byUso: Record<UsoUnita, number>;
  /** By the province of the building's Comune (the ente's when the building is unknown), by sigla. */
  byProvincia: (Counts & { siglaProvincia: string | null })[];
  byGruppo: Record<EnteGroup, Counts & { enti: number }>;
}

const zeroByStato = () => Object.fromEntries(Object.values(StatoUnita).map((stato) => [stato, 0])) as Record<StatoUnita, number>;
const zeroByUso = () => Object.fromEntries(Object.values(UsoUnita).map((uso) => [uso, 0])) as Record<UsoUnita, number>;
const zeroCounts = (): Counts => ({ units: 0, inPatrimonio: 0 });
const groupOf = (tipo: EnteTipo): EnteGroup => (tipo === EnteTipo.ARCA ? 'ARCA' : tipo === EnteTipo.COMUNE ? 'COMUNI' : 'ALTRI');

function add(counts: Counts, stato: StatoUnita, n: number): void {
  counts.units += n;
  if (!OUT_OF_STOCK.includes(stato)) counts.inPatrimonio += n;
}

type GroupRow = Omit<EnteSummary, keyof Counts | 'byStato'> & {
  /** Null, with n = 0, for an ente whose snapshot is empty (consistenza nulla). */
  stato: StatoUnita | null;
  uso: UsoUnita | null;
  siglaProvincia: string | null;
  n: number;
};

export async function summaryAsOf(db: Db, scope: Pick<AsOfScope, 'date' | 'enteIds'>): Promise<StockSummary> {
  // One statement, so the enti and their counts come from the same moment even while snapshots load.
  const rows = await db.$queryRaw<GroupRow[]>`${latestSnapshots(scope)}
    SELECT l."enteId", e."codice", e."denominazione", e."tipo"::text AS "tipo", l."id" AS "snapshotId",
           l."dataRiferimento"::text AS "dataRiferimento", l."tipo"::text AS "snapshotTipo", l."buildingsCount" AS "buildings",
           u."stato"::text AS "stato", u."uso"::text AS "uso",
           COALESCE(c."siglaProvincia", e."siglaProvincia") AS "siglaProvincia", COUNT(u."id")::int AS "n"
    FROM latest l
    JOIN "Ente" e ON e."id" = l."enteId"
    LEFT JOIN "HousingUnit" u ON u."snapshotId" = l."id"
    LEFT JOIN "Building" b ON b."snapshotId" = u."snapshotId" AND b."codice" = u."buildingCodice"
    LEFT JOIN "Ente" c ON c."codice" = b."istatComune" AND c."tipo" = 'COMUNE'
    GROUP BY l."enteId", e."id", l."id", l."dataRiferimento", l."tipo", l."buildingsCount", u."stato", u."uso", c."siglaProvincia"
    ORDER BY e."denominazione", l."enteId"`;

  const byEnte = new Map<string, EnteSummary>();
  const byStato = zeroByStato();
  const byUso = zeroByUso();
  const byProvincia = new Map<string | null, Counts>();
  const byGruppo: StockSummary['byGruppo'] = {
    ARCA: { enti: 0, ...zeroCounts() }, COMUNI: { enti: 0, ...zeroCounts() }, ALTRI: { enti: 0, ...zeroCounts() },
  };
  const totals = { enti: 0, buildings: 0, ...zeroCounts() };
  for (const { stato, uso, siglaProvincia, n, ...enteRow } of rows) {
    const group = byGruppo[groupOf(enteRow.tipo)];
    let ente = byEnte.get(enteRow.enteId);
    if (!ente) {
      ente = { ...enteRow, ...zeroCounts(), byStato: zeroByStato() };
      byEnte.set(ente.enteId, ente);
      group.enti += 1;
      totals.enti += 1;
      totals.buildings += ente.buildings;
    }
    if (stato === null || uso === null) continue; // the empty snapshot's row: the ente counts, no unit does
    ente.byStato[stato] += n;
    byStato[stato] += n;
    byUso[uso] += n;
    const province = byProvincia.get(siglaProvincia) ?? zeroCounts();
    byProvincia.set(siglaProvincia, province);
    for (const counts of [ente, group, totals, province]) add(counts, stato, n);
  }
  return {
    date: scope.date,
    totals,
    byEnte: [...byEnte.values()],
    byStato,
    byUso,
    byProvincia: [...byProvincia]
      .map(([siglaProvincia, counts]) => ({ siglaProvincia, ...counts }))
      .sort((a, b) => (a.siglaProvincia ?? '~').localeCompare(b.siglaProvincia ?? '~')),
    byGruppo,
  };
}
