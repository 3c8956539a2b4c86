// Loads an ente's stock at a reference date as one snapshot: the snapshot row, its buildings and its
// units in ONE transaction (a failure midway stores nothing), the rows through COPY — as they are read,
// when a flusso is read while it loads (incoming-rows.ts). Idempotent per (ente, reference date): see
// existing-snapshot.ts for what a repeated or a different call gets.
import { randomUUID } from 'node:crypto';
import { type ClientBase, DatabaseError } from 'pg';
import type { Db } from '../../prisma/client';
import type { StockSnapshot } from '../../prisma/generated/client';
import { copyBuildings, copyUnits } from './copy-rows';
import { STOCK_FAILURE, requireIsoDate, stockRejection, stockRetryable } from './errors';
import { findSnapshot, sameStockOrRefuse } from './existing-snapshot';
import { IncomingRows } from './incoming-rows';
import { inPgTransaction, type PgSource } from './pg-transaction';
import { refreshStatistics } from './statistics';
import type { LoadedSnapshot, ParsedBuilding, ParsedUnit, SnapshotInput, SnapshotMeta } from './types';

export type SnapshotHeader = SnapshotMeta & Pick<SnapshotInput, 'tipo'>;

/**
 * Inserts the snapshot row unless the (ente, date) already has one. ON CONFLICT waits for a concurrent
 * load of the same key to finish: if it committed, no row comes back and this call yields to it. The
 * counts are set once the rows are in (setCounts).
 */
async function insertSnapshotRow(client: ClientBase, input: SnapshotHeader): Promise<string | undefined> {
  const result = await client.query<{ id: string }>(
    `INSERT INTO "StockSnapshot" ("id", "enteId", "dataRiferimento", "tipo", "workflowId", "protocolloId", "documentId", "buildingsCount", "unitsCount")
     VALUES ($1, $2, $3::date, $4::"SnapshotTipo", $5, $6, $7, 0, 0)
     ON CONFLICT ("enteId", "dataRiferimento") DO NOTHING
     RETURNING "id"`,
    [randomUUID(), input.enteId, input.dataRiferimento, input.tipo, input.workflowId ?? null, input.protocolloId ?? null, input.documentId ?? null],
  );
  return result.rows[0]?.id;
}

async function setCounts(client: ClientBase, snapshotId: string, buildings: number, units: number): Promise<void> {
  await client.query(`UPDATE "StockSnapshot" SET "buildingsCount" = $2, "unitsCount" = $3 WHERE "id" = $1`, [snapshotId, buildings, units]);
}

function namesBuildingsOutside(buildings: readonly ParsedBuilding[], units: readonly ParsedUnit[]): boolean {
  const codes = new Set(buildings.map((building) => building.codice));
  return units.some((unit) => !codes.has(unit.buildingCodice));
}

/**
 * A flusso may leave out a building that did not change, its units naming it by code (the validator's
 * coherence rule: "in a building of the same flusso or already in the database"). Its row is copied
 * from the ente's previous snapshot into this one, so every snapshot stands on its own: the "as of"
 * queries, the building page and the map never have to look back further than one snapshot.
 */
async function carryOverBuildings(client: ClientBase, snapshotId: string, input: SnapshotHeader): Promise<number> {
  const carried = await client.query(
    `WITH previous AS (
       SELECT "id" FROM "StockSnapshot" WHERE "enteId" = $2 AND "dataRiferimento" < $3::date ORDER BY "dataRiferimento" DESC LIMIT 1
     )
     INSERT INTO "Building" ("id", "snapshotId", "codice", "indirizzo", "istatComune", "latitudine", "longitudine", "annoCostruzione", "piani", "statoConservazione")
     SELECT gen_random_uuid()::text, $1, p."codice", p."indirizzo", p."istatComune", p."latitudine", p."longitudine", p."annoCostruzione", p."piani", p."statoConservazione"
     FROM "Building" p JOIN previous ON p."snapshotId" = previous."id"
     WHERE p."codice" IN (SELECT "buildingCodice" FROM "HousingUnit" WHERE "snapshotId" = $1)
       AND NOT EXISTS (SELECT 1 FROM "Building" n WHERE n."snapshotId" = $1 AND n."codice" = p."codice")`,
    [snapshotId, input.enteId, input.dataRiferimento],
  );
  return carried.rowCount ?? 0;
}

/** "COPY HousingUnit, line 12, column stato: "VENDUTO"": which record, which field. */
const COPY_CONTEXT = /COPY "?(\w+)"?, line (\d+)(?:, column (\w+))?/;

/** The Italian reading of the SQLSTATEs a record can cause; PostgreSQL's own text follows it for the technician. */
const EXPLANATIONS: Record<string, string> = {
  '22P02': 'valore non ammesso',
  '22003': 'numero fuori dall\'intervallo ammesso',
  '22007': 'data non valida',
  '22008': 'data non valida',
  '22021': 'carattere non ammesso',
  '23502': 'campo obbligatorio mancante',
  '23505': 'codice ripetuto nello stesso stock',
};

/**
 * A data error (class 22) or a violated constraint (class 23) is in the records, so retrying cannot
 * help: it becomes a rejection naming the unit or building and the field. Anything else — the server
 * gone, a timeout — is rethrown for Temporal to retry.
 */
function rejectionFor(error: unknown, buildings: readonly ParsedBuilding[], units: readonly ParsedUnit[]): unknown {
  const code = error instanceof DatabaseError ? error.code ?? '' : '';
  if (!(error instanceof DatabaseError) || !/^2[23]/.test(code)) return error;
  const context = COPY_CONTEXT.exec(error.where ?? '');
  let where = '';
  if (context) {
    const [, table, line, column] = context;
    const index = Number(line) - 1;
    const record = table === 'Building' ? `edificio «${buildings[index]?.codice}»` : `unità «${units[index]?.codice}»`;
    where = `${record}${column ? `, campo ${column}` : ''}: `;
  }
  const technical = `${error.message}${error.detail ? `; ${error.detail}` : ''}`;
  return stockRejection(
    STOCK_FAILURE.invalidRows,
    `Caricamento dello stock rifiutato, nulla è stato registrato — ${where}${EXPLANATIONS[code] ?? 'dato non valido'} (${technical}).`,
    error,
  );
}

/**
 * Loads `input` as the ente's snapshot at `input.dataRiferimento`. `db` reads (the existing snapshot,
 * and its rows on a retry); `pg` — the worker's pool, or a URL — carries the COPY transaction.
 */
export function loadSnapshot(db: Db, pg: PgSource, input: SnapshotInput): Promise<LoadedSnapshot> {
  const { buildings, units, ...header } = input;
  return loadSnapshotAsRead(db, pg, header, IncomingRows.complete(buildings, units));
}

/**
 * Loads the rows as they arrive. The transaction commits only once the reader has ended `rows`
 * (every row in, its checks passed); a failure of the reader rolls it back and is rethrown as is.
 */
export async function loadSnapshotAsRead(db: Db, pg: PgSource, header: SnapshotHeader, rows: IncomingRows): Promise<LoadedSnapshot> {
  requireIsoDate(header.dataRiferimento, 'dataRiferimento');
  const existing = await findSnapshot(db, header.enteId, header.dataRiferimento);
  if (existing) return compareWith(db, existing, header, rows);

  let created: LoadedSnapshot | undefined;
  try {
    created = await inPgTransaction(pg, async (client) => {
      const snapshotId = await insertSnapshotRow(client, header);
      if (snapshotId === undefined) return undefined;
      const copiedBuildings = await copyBuildings(client, 'Building', snapshotId, rows.buildingBatches());
      await copyUnits(client, 'HousingUnit', snapshotId, rows.unitBatches());
      const { buildings, units } = await rows.all();
      // A flusso lists every building before its units (the schema's order), so the buildings' COPY
      // ends when the first unit arrives; a building arriving later was not stored: refuse, never lose it.
      if (copiedBuildings !== buildings.length) throw new Error(`Loader: ${buildings.length - copiedBuildings} buildings arrived after the units began`);
      const carried = namesBuildingsOutside(buildings, units) ? await carryOverBuildings(client, snapshotId, header) : 0;
      await setCounts(client, snapshotId, buildings.length + carried, units.length);
      return { snapshotId, buildings: buildings.length + carried, units: units.length };
    });
  } catch (error) {
    throw rejectionFor(error, rows.buildings, rows.units);
  }
  if (created) {
    await refreshStatistics(db, created.units);
    return created;
  }

  // A concurrent call with the same key committed first: it is this call's result, if it carried the same stock.
  const winner = await findSnapshot(db, header.enteId, header.dataRiferimento);
  if (!winner) throw stockRetryable(STOCK_FAILURE.concurrentChange, `Lo snapshot dell'ente al ${header.dataRiferimento} è cambiato durante il caricamento: si riprova.`);
  return compareWith(db, winner, header, rows);
}

async function compareWith(db: Db, stored: StockSnapshot, header: SnapshotHeader, rows: IncomingRows): Promise<LoadedSnapshot> {
  const { buildings, units } = await rows.all();
  return sameStockOrRefuse(db, stored, header.tipo, header, buildings, units);
}
