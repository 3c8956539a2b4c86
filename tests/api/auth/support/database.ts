import { createDb, type Db } from '../../../../prisma/client';
import { createFreshDatabase } from '../../../support/fresh-database';

export interface TestDatabase {
  url: string;
  db: Db;
  close(): Promise<void>;
}

/** A migrated database of the test file's own, with a client; closing drops it. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const fresh = await createFreshDatabase('push_test_auth');
  const db = createDb(fresh.url, 4);
  return {
    url: fresh.url,
    db,
    close: async () => {
      await db.$disconnect();
      await fresh.drop();
    },
  };
}
