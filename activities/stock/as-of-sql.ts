// The one rule every "as of" query shares, written once: an ente's stock at a date D is its latest
// snapshot with dataRiferimento ≤ D. DISTINCT ON picks it per ente from the (enteId, dataRiferimento)
// unique index's rows; the snapshot table holds a few rows per ente and semester (hundreds to a few
// thousand in all), so the sort DISTINCT ON needs costs nothing. Units then join on the snapshot id
// through the (snapshotId, …) indexes of HousingUnit and Building.
//
// Indexes the schema lacks, worth a migration when the history grows (measured at 70,000 units in one
// snapshot, every query here answers in under 0.3 s without them):
// - Building (snapshotId, istatComune): the Comune filter now goes through Building(istatComune), whose
//   hits span every semester of history before the join keeps the latest ones.
// - a pg_trgm GIN index on HousingUnit.codice and Building.indirizzo: `q` (ILIKE '%…%') scans the
//   units of the latest snapshots — tens of milliseconds for the region, but linear.
// - none for the map's box: ~10,000 buildings scan in milliseconds; PostGIS only at national scale.
import { Prisma } from '../../prisma/generated/client';
import type { StatoUnita, UsoUnita } from '../../prisma/generated/enums';
import { STOCK_FAILURE, requireIsoDate, stockRejection } from './errors';

/** Which enti the caller may see, and which it asks for. */
export interface AsOfScope {
  /** YYYY-MM-DD. */
  date: string;
  /** Visibility: the enti whose stock the caller may read. Undefined means all (the Region); empty means none. */
  enteIds?: readonly string[];
  /** Only this ente (within the visible ones). */
  ente?: string;
}

export interface StockFilter extends AsOfScope {
  /** ISTAT code of the building's Comune. */
  istatComune?: string;
  stato?: readonly StatoUnita[];
  uso?: readonly UsoUnita[];
  /** A building's code. */
  building?: string;
  /** Free text: part of the unit's or building's code, or of the address. */
  q?: string;
}

/** The states of a unit still in the ente's patrimony (sold and demolished units stay in the snapshot). */
export const OUT_OF_STOCK: readonly StatoUnita[] = ['ALIENATO', 'DEMOLITO'];

/** `WITH latest AS (…)`: one row per visible ente, its snapshot as of the date. */
export function latestSnapshots(scope: AsOfScope): Prisma.Sql {
  const date = requireIsoDate(scope.date, 'data');
  const visible = scope.enteIds === undefined ? Prisma.empty : Prisma.sql`AND s."enteId" = ANY(${[...scope.enteIds]}::text[])`;
  const ente = scope.ente === undefined ? Prisma.empty : Prisma.sql`AND s."enteId" = ${scope.ente}`;
  return Prisma.sql`WITH latest AS (
    SELECT DISTINCT ON (s."enteId") s."id", s."enteId", s."dataRiferimento", s."tipo", s."buildingsCount", s."unitsCount"
    FROM "StockSnapshot" s
    WHERE s."dataRiferimento" <= ${date}::date ${visible} ${ente}
    ORDER BY s."enteId", s."dataRiferimento" DESC
  )`;
}

/**
 * Units of the latest snapshots with their ente (e), building (b, absent if the unit names a building
 * the snapshot lacks) and the building's Comune (c: the Comune's Ente row, whose codice is its ISTAT code).
 */
export const UNITS_FROM = Prisma.sql`
  FROM latest l
  JOIN "HousingUnit" u ON u."snapshotId" = l."id"
  JOIN "Ente" e ON e."id" = l."enteId"
  LEFT JOIN "Building" b ON b."snapshotId" = u."snapshotId" AND b."codice" = u."buildingCodice"
  LEFT JOIN "Ente" c ON c."codice" = b."istatComune" AND c."tipo" = 'COMUNE'`;

/** The Comune's name: its Ente row is "Comune di <name>" (prisma/seed/enti.ts). Over `c` of UNITS_FROM. */
export const COMUNE_NAME = Prisma.sql`regexp_replace(c."denominazione", '^Comune di ', '')`;

/** LIKE's wildcards in the user's text are literal. */
export const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Whether the filter narrows the units beyond the snapshots (ente and visibility are in `latest`). */
export function narrowsUnits(filter: StockFilter): boolean {
  return [filter.istatComune, filter.stato, filter.uso, filter.building].some((value) => value !== undefined) || Boolean(filter.q?.trim());
}

/** `WHERE …` over UNITS_FROM for the filter's unit-level conditions (ente and visibility are in `latest`). */
export function unitConditions(filter: StockFilter): Prisma.Sql {
  return Prisma.sql`WHERE ${unitCondition(filter)}`;
}

/** The same conditions as one boolean expression over u (the unit) and b (its building), e.g. for a FILTER clause. */
export function unitCondition(filter: StockFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.istatComune !== undefined) conditions.push(Prisma.sql`b."istatComune" = ${filter.istatComune}`);
  if (filter.stato !== undefined) conditions.push(Prisma.sql`u."stato" = ANY(${[...filter.stato]}::"StatoUnita"[])`);
  if (filter.uso !== undefined) conditions.push(Prisma.sql`u."uso" = ANY(${[...filter.uso]}::"UsoUnita"[])`);
  if (filter.building !== undefined) conditions.push(Prisma.sql`u."buildingCodice" = ${filter.building}`);
  const q = filter.q?.trim();
  if (q) {
    const pattern = containing(q);
    conditions.push(Prisma.sql`(u."codice" ILIKE ${pattern} OR u."buildingCodice" ILIKE ${pattern} OR b."indirizzo" ILIKE ${pattern})`);
  }
  return Prisma.join(conditions, ' AND ');
}

export function requireBoundedInteger(value: number, field: string, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw stockRejection(STOCK_FAILURE.invalidRequest, `${field}: ${value} non è un intero tra ${min} e ${max}.`);
  }
  return value;
}
