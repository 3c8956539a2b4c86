// Buildings: one building through every snapshot of its ente (the building page's history), and the
// buildings of the stock as of a date with coordinates (the map).
import type { Db } from '../../prisma/client';
import { Prisma } from '../../prisma/generated/client';
import type { SnapshotTipo, StatoUnita, UsoUnita } from '../../prisma/generated/enums';
import { COMUNE_NAME, latestSnapshots, narrowsUnits, OUT_OF_STOCK, type StockFilter, unitCondition } from './as-of-sql';
import { STOCK_FAILURE, stockRejection } from './errors';

interface BuildingFields {
  codice: string;
  indirizzo: string;
  istatComune: string;
  latitudine: number | null;
  longitudine: number | null;
  annoCostruzione: number | null;
  piani: number | null;
  statoConservazione: string | null;
}

export interface BuildingHistory {
  enteId: string;
  codice: string;
  /** One entry per snapshot of the ente that holds the building, oldest first. */
  history: {
    snapshotId: string;
    dataRiferimento: string;
    tipo: SnapshotTipo;
    building: BuildingFields;
    units: { codice: string; stato: StatoUnita; uso: UsoUnita; superficie: number; dataVendita: string | null; canoneMensile: string | null }[];
  }[];
}

/** Both statements go through the (snapshotId, codice) and (snapshotId, buildingCodice) indexes, one probe per snapshot. */
export async function buildingHistory(db: Db, { enteId, codice }: { enteId: string; codice: string }): Promise<BuildingHistory> {
  const [buildings, units] = await Promise.all([
    db.$queryRaw<(BuildingFields & { snapshotId: string; dataRiferimento: string; tipo: SnapshotTipo })[]>`
      SELECT s."id" AS "snapshotId", s."dataRiferimento"::text AS "dataRiferimento", s."tipo"::text AS "tipo",
             b."codice", b."indirizzo", b."istatComune", b."latitudine", b."longitudine", b."annoCostruzione", b."piani", b."statoConservazione"
      FROM "StockSnapshot" s JOIN "Building" b ON b."snapshotId" = s."id" AND b."codice" = ${codice}
      WHERE s."enteId" = ${enteId}
      ORDER BY s."dataRiferimento"`,
    db.$queryRaw<(BuildingHistory['history'][number]['units'][number] & { snapshotId: string })[]>`
      SELECT u."snapshotId", u."codice", u."stato"::text AS "stato", u."uso"::text AS "uso", u."superficie",
             u."dataVendita"::text AS "dataVendita", u."canoneMensile"::text AS "canoneMensile"
      FROM "StockSnapshot" s JOIN "HousingUnit" u ON u."snapshotId" = s."id" AND u."buildingCodice" = ${codice}
      WHERE s."enteId" = ${enteId}
      ORDER BY u."codice"`,
  ]);
  const unitsBySnapshot = new Map<string, BuildingHistory['history'][number]['units']>();
  for (const { snapshotId, ...unit } of units) {
    const list = unitsBySnapshot.get(snapshotId) ?? [];
    list.push(unit);
    unitsBySnapshot.set(snapshotId, list);
  }
  return {
    enteId,
    codice,
    history: buildings.map(({ snapshotId, dataRiferimento, tipo, ...building }) => ({
      snapshotId, dataRiferimento, tipo, building, units: unitsBySnapshot.get(snapshotId) ?? [],
    })),
  };
}

/**
 * The list's filter applies to the map too: a building is shown when at least one of its units
 * matches (its counts stay those of all its units, and `corrispondenti` says how many match).
 */
export interface MapRequest extends StockFilter {
  /** Only buildings inside this box (degrees, WGS84). */
  bbox?: { south: number; west: number; north: number; east: number };
}

export interface MapBuilding {
  enteId: string;
  ente: string;
  snapshotId: string;
  codice: string;
  indirizzo: string;
  istatComune: string;
  comune: string | null;
  latitudine: number;
  longitudine: number;
  units: number;
  inPatrimonio: number;
  /** The planner's three lists. */
  liberi: number;
  sfittiCarenzeManutentive: number;
  sfittiRistrutturazione: number;
  /** Units matching the request's filter (all of them when it filters none). */
  corrispondenti: number;
}

function bboxCondition(bbox: MapRequest['bbox']): Prisma.Sql {
  if (!bbox) return Prisma.empty;
  const { south, west, north, east } = bbox;
  if (![south, west, north, east].every(Number.isFinite) || south > north || west > east) {
    throw stockRejection(STOCK_FAILURE.invalidRequest, `Riquadro della mappa non valido: ${JSON.stringify(bbox)}.`);
  }
  return Prisma.sql`AND b."latitudine" BETWEEN ${south} AND ${north} AND b."longitudine" BETWEEN ${west} AND ${east}`;
}

/** The filter's building-level conditions, also in WHERE so that the Comune's or the code's index narrows the scan. */
function buildingConditions(filter: StockFilter): Prisma.Sql {
  const comune = filter.istatComune === undefined ? Prisma.empty : Prisma.sql`AND b."istatComune" = ${filter.istatComune}`;
  const codice = filter.building === undefined ? Prisma.empty : Prisma.sql`AND b."codice" = ${filter.building}`;
  return Prisma.sql`${comune} ${codice}`;
}

/**
 * Buildings with coordinates in the stock as of the date, with their units counted. There is no
 * spatial index: the box filters the latest snapshots' buildings (~10,000 for the region) in a scan,
 * which is milliseconds; a PostGIS index would matter only at national scale.
 */
export function buildingsForMap(db: Db, request: MapRequest): Promise<MapBuilding[]> {
  return db.$queryRaw<MapBuilding[]>`${latestSnapshots(request)}
    SELECT l."enteId", e."denominazione" AS "ente", l."id" AS "snapshotId", b."codice", b."indirizzo", b."istatComune",
           ${COMUNE_NAME} AS "comune", b."latitudine", b."longitudine",
           COUNT(u."id")::int AS "units",
           COUNT(u."id") FILTER (WHERE u."stato" <> ALL(${[...OUT_OF_STOCK]}::"StatoUnita"[]))::int AS "inPatrimonio",
           COUNT(u."id") FILTER (WHERE u."stato" = 'LIBERO')::int AS "liberi",
           COUNT(u."id") FILTER (WHERE u."stato" = 'SFITTO_CARENZE_MANUTENTIVE')::int AS "sfittiCarenzeManutentive",
           COUNT(u."id") FILTER (WHERE u."stato" = 'SFITTO_RISTRUTTURAZIONE')::int AS "sfittiRistrutturazione",
           COUNT(u."id") FILTER (WHERE ${unitCondition(request)})::int AS "corrispondenti"
    FROM latest l
    JOIN "Ente" e ON e."id" = l."enteId"
    JOIN "Building" b ON b."snapshotId" = l."id"
    LEFT JOIN "Ente" c ON c."codice" = b."istatComune" AND c."tipo" = 'COMUNE'
    LEFT JOIN "HousingUnit" u ON u."snapshotId" = b."snapshotId" AND u."buildingCodice" = b."codice"
    WHERE b."latitudine" IS NOT NULL AND b."longitudine" IS NOT NULL ${bboxCondition(request.bbox)} ${buildingConditions(request)}
    GROUP BY l."enteId", e."id", l."id", b."id", c."id"
    ${narrowsUnits(request) ? Prisma.sql`HAVING COUNT(u."id") FILTER (WHERE ${unitCondition(request)}) > 0` : Prisma.empty}
    ORDER BY e."denominazione", b."codice"`;
}
