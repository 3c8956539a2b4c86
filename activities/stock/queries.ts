// The stock "as of" a date, for the validator, the stock browser, the campaign page, the building page
// and the map. Every query is SQL over `latest` (as-of-sql.ts): the latest snapshot per ente on or
// before the date. Dates travel as YYYY-MM-DD strings, so no time zone ever shifts a day.
import type { Db } from '../../prisma/client';
import { Prisma } from '../../prisma/generated/client';
import type { EnteTipo, SnapshotTipo, StatoUnita } from '../../prisma/generated/enums';
import type { StockUnit } from './types';
import { COMUNE_NAME, latestSnapshots, requireBoundedInteger, type StockFilter, UNITS_FROM, unitConditions } from './as-of-sql';
import { requireIsoDate, STOCK_FAILURE, stockRejection } from './errors';

export { type AsOfScope, OUT_OF_STOCK, type StockFilter } from './as-of-sql';
export { buildingHistory, buildingsForMap, type BuildingHistory, type MapBuilding, type MapRequest } from './buildings';
export { summaryAsOf, type StockSummary } from './summary';
export type { StockUnit } from './types';

export interface PreviousSnapshot {
  snapshotId: string;
  dataRiferimento: string;
  tipo: SnapshotTipo;
  buildingCodes: Set<string>;
  units: Map<string, { stato: StatoUnita }>;
}

/**
 * The ente's last snapshot strictly before `beforeDate`, reduced to what the validator's coherence
 * and continuity rules read: building codes, and each unit's state by code. Null if there is none.
 */
export async function previousSnapshot(db: Db, enteId: string, beforeDate: string): Promise<PreviousSnapshot | null> {
  requireIsoDate(beforeDate, 'data');
  const [snapshot] = await db.$queryRaw<{ id: string; dataRiferimento: string; tipo: SnapshotTipo }[]>`
    SELECT "id", "dataRiferimento"::text AS "dataRiferimento", "tipo"::text AS "tipo" FROM "StockSnapshot"
    WHERE "enteId" = ${enteId} AND "dataRiferimento" < ${beforeDate}::date
    ORDER BY "dataRiferimento" DESC LIMIT 1`;
  if (!snapshot) return null;
  const [buildings, units] = await Promise.all([
    db.$queryRaw<{ codice: string }[]>`SELECT "codice" FROM "Building" WHERE "snapshotId" = ${snapshot.id}`,
    db.$queryRaw<{ codice: string; stato: StatoUnita }[]>`SELECT "codice", "stato"::text AS "stato" FROM "HousingUnit" WHERE "snapshotId" = ${snapshot.id}`,
  ]);
  return {
    snapshotId: snapshot.id,
    dataRiferimento: snapshot.dataRiferimento,
    tipo: snapshot.tipo,
    buildingCodes: new Set(buildings.map((building) => building.codice)),
    units: new Map(units.map((unit) => [unit.codice, { stato: unit.stato }])),
  };
}


type UnitRow = Omit<StockUnit, 'snapshot' | 'ente' | 'building'> & {
  snapshotId: string; dataRiferimento: string; snapshotTipo: SnapshotTipo;
  enteId: string; enteCodice: string; enteDenominazione: string; enteTipo: EnteTipo;
  buildingFound: boolean; indirizzo: string; istatComune: string; comune: string | null; latitudine: number | null; longitudine: number | null;
};

const UNIT_COLUMNS = Prisma.sql`
  u."id", u."codice", u."buildingCodice", u."foglio", u."particella", u."subalterno", u."categoria", u."superficie", u."vani",
  u."uso"::text AS "uso", u."stato"::text AS "stato", u."dataVendita"::text AS "dataVendita", u."canoneMensile"::text AS "canoneMensile",
  l."id" AS "snapshotId", l."dataRiferimento"::text AS "dataRiferimento", l."tipo"::text AS "snapshotTipo",
  e."id" AS "enteId", e."codice" AS "enteCodice", e."denominazione" AS "enteDenominazione", e."tipo"::text AS "enteTipo",
  b."id" IS NOT NULL AS "buildingFound", b."indirizzo", b."istatComune", ${COMUNE_NAME} AS "comune", b."latitudine", b."longitudine"`;

function toStockUnit(row: UnitRow): StockUnit {
  const { snapshotId, dataRiferimento, snapshotTipo, enteId, enteCodice, enteDenominazione, enteTipo, buildingFound, indirizzo, istatComune, comune, latitudine, longitudine, ...unit } = row;
  return {
    ...unit,
    snapshot: { id: snapshotId, dataRiferimento, tipo: snapshotTipo },
    ente: { id: enteId, codice: enteCodice, denominazione: enteDenominazione, tipo: enteTipo },
    building: buildingFound ? { codice: unit.buildingCodice, indirizzo, istatComune, comune, latitudine, longitudine } : null,
  };
}

/** Units matching `filter`, then `tail` (extra conditions, order, limit) appended to the WHERE. */
export async function selectUnits(db: Db, filter: StockFilter, tail: Prisma.Sql): Promise<StockUnit[]> {
  const rows = await db.$queryRaw<UnitRow[]>`${latestSnapshots(filter)} SELECT ${UNIT_COLUMNS} ${UNITS_FROM} ${unitConditions(filter)} ${tail}`;
  return rows.map(toStockUnit);
}

export async function countUnits(db: Db, filter: StockFilter): Promise<number> {
  const [row] = await db.$queryRaw<{ total: number }[]>`${latestSnapshots(filter)} SELECT COUNT(*)::int AS "total" ${UNITS_FROM} ${unitConditions(filter)}`;
  return row?.total ?? 0;
}

export type StockSortField = 'codice' | 'ente' | 'comune' | 'indirizzo' | 'stato' | 'uso' | 'superficie' | 'canoneMensile' | 'dataVendita';

/** Whitelisted: the field name chooses a column, never reaches the SQL as text. */
const SORT_COLUMNS: Record<StockSortField, Prisma.Sql> = {
  codice: Prisma.sql`u."codice"`,
  ente: Prisma.sql`e."denominazione"`,
  comune: COMUNE_NAME,
  indirizzo: Prisma.sql`b."indirizzo"`,
  stato: Prisma.sql`u."stato"`,
  uso: Prisma.sql`u."uso"`,
  superficie: Prisma.sql`u."superficie"`,
  canoneMensile: Prisma.sql`u."canoneMensile"`,
  dataVendita: Prisma.sql`u."dataVendita"`,
};

export interface StockPageRequest extends StockFilter {
  /** From 1. */
  page: number;
  /** 1 to 500. */
  pageSize: number;
  /** Default: by ente, then unit code. Ties always break by ente and unit code, so pages never overlap. */
  sort?: { field: StockSortField; direction?: 'asc' | 'desc' };
}

export interface StockPage {
  items: StockUnit[];
  total: number;
  page: number;
  pageSize: number;
}

/** A page of the units as of `request.date`, with the total matching the filter. */
export async function stockAsOf(db: Db, request: StockPageRequest): Promise<StockPage> {
  const page = requireBoundedInteger(request.page, 'page', 1, 1_000_000);
  const pageSize = requireBoundedInteger(request.pageSize, 'pageSize', 1, 500);
  const direction = request.sort?.direction === 'desc' ? Prisma.sql`DESC NULLS LAST` : Prisma.sql`ASC NULLS LAST`;
  const column = request.sort && (Object.hasOwn(SORT_COLUMNS, request.sort.field) ? SORT_COLUMNS[request.sort.field] : undefined);
  if (request.sort && !column) throw stockRejection(STOCK_FAILURE.invalidRequest, `Ordinamento per «${request.sort.field}» non disponibile.`);
  const first = column ? Prisma.sql`${column} ${direction},` : Prisma.empty;
  const tail = Prisma.sql`ORDER BY ${first} e."denominazione", l."enteId", u."codice" LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`;
  const [items, total] = await Promise.all([selectUnits(db, request, tail), countUnits(db, request)]);
  return { items, total, page, pageSize };
}
