// A fresh migrated database with the reference data, for a test file that counts rows.
import { createDb, type Db } from '../../../prisma/client';
import { loadReferenceData, type ReferenceData } from '../../../prisma/seed/reference-data';
import { createFreshDatabase } from '../../support/fresh-database';

export interface StockDatabase {
  url: string;
  db: Db;
  reference: ReferenceData;
  close(): Promise<void>;
}

export async function openStockDatabase(): Promise<StockDatabase> {
  const fresh = await createFreshDatabase('push_stock');
  const db = createDb(fresh.url);
  try {
    const reference = await loadReferenceData(db);
    return {
      url: fresh.url,
      db,
      reference,
      close: async () => {
        await db.$disconnect();
        await fresh.drop();
      },
    };
  } catch (error) {
    await db.$disconnect();
    await fresh.drop();
    throw error;
  }
}

/** How many snapshot, building and unit rows the database holds in all. */
export async function rowCounts(db: Db): Promise<{ snapshots: number; buildings: number; units: number }> {
  const [snapshots, buildings, units] = await Promise.all([db.stockSnapshot.count(), db.building.count(), db.housingUnit.count()]);
  return { snapshots, buildings, units };
}
