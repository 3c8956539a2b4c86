// The floor for the loader's benchmark: the same rows, in the same COPY text, into plain tables with
// the same columns but no index, key, foreign key or snapshot row — what PostgreSQL needs at the least.
// Beside it the same COPY into the stock's own tables, so a benchmark can tell what the data model's
// keys, indexes and foreign keys cost from what the loader and the validation add.
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Client } from 'pg';
import { copyBuildings, copyUnits } from './copy-rows';
import type { ParsedBuilding, ParsedUnit } from './types';

export interface CopyBaseline {
  /** Wall time of BEGIN, both COPYs and COMMIT (the scratch tables' creation and drop excluded). */
  milliseconds: number;
  buildings: number;
  units: number;
}

/**
 * Times a bare COPY of `rows` into scratch tables made `LIKE` Building and HousingUnit. They are
 * ordinary (logged) tables, like the real ones, so the comparison is fair; they are dropped after.
 */
export async function copyRowsBaseline(url: string, rows: { buildings: readonly ParsedBuilding[]; units: readonly ParsedUnit[] }): Promise<CopyBaseline> {
  const suffix = randomBytes(6).toString('hex');
  const buildingTable = `stock_baseline_building_${suffix}`;
  const unitTable = `stock_baseline_unit_${suffix}`;
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE TABLE "${buildingTable}" (LIKE "Building"); CREATE TABLE "${unitTable}" (LIKE "HousingUnit")`);
    try {
      const snapshotId = randomUUID();
      const started = performance.now();
      await client.query('BEGIN');
      await copyBuildings(client, buildingTable, snapshotId, rows.buildings);
      await copyUnits(client, unitTable, snapshotId, rows.units);
      await client.query('COMMIT');
      return { milliseconds: performance.now() - started, buildings: rows.buildings.length, units: rows.units.length };
    } finally {
      // Also after a failed COPY: ROLLBACK ends the aborted transaction (after a COMMIT it only warns).
      await client.query('ROLLBACK');
      await client.query(`DROP TABLE IF EXISTS "${buildingTable}", "${unitTable}"`);
    }
  } finally {
    await client.end();
  }
}

/** A reference date no transmission uses, so the scratch snapshot row never meets a real one. */
const SCRATCH_DATE = '1900-12-31';

/**
 * Times the same COPY into Building and HousingUnit, under a snapshot row of `enteId`, with every key,
 * index and foreign key the loader meets; then rolls it all back, so the tables stay as they were.
 * The wall time covers BEGIN, the snapshot row and both COPYs (a COMMIT would add a millisecond).
 */
export async function copyRowsIntoStockTables(url: string, rows: { buildings: readonly ParsedBuilding[]; units: readonly ParsedUnit[] }, enteId: string): Promise<CopyBaseline> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const snapshotId = randomUUID();
    const started = performance.now();
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO "StockSnapshot" ("id", "enteId", "dataRiferimento", "tipo", "buildingsCount", "unitsCount") VALUES ($1, $2, $3::date, 'FLUSSO', $4, $5)`,
      [snapshotId, enteId, SCRATCH_DATE, rows.buildings.length, rows.units.length],
    );
    await copyBuildings(client, 'Building', snapshotId, rows.buildings);
    await copyUnits(client, 'HousingUnit', snapshotId, rows.units);
    const milliseconds = performance.now() - started;
    return { milliseconds, buildings: rows.buildings.length, units: rows.units.length };
  } finally {
    await client.query('ROLLBACK');
    await client.end();
  }
}
