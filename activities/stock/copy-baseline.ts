// The floor for the loader's benchmark: the same rows, in the same COPY text, into plain tables with
// the same columns but no index, key, foreign key or snapshot row — what PostgreSQL needs at the least.
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
