/**
 * Loads the reference data into the database named by DATABASE_URL, migrating it first.
 * Usage: DATABASE_URL=postgresql://… tsx prisma/seed/index.ts
 */
import { createDb } from '../client';
import { migrate } from '../migrate';
import { DEMO_USERS, loadReferenceData } from './reference-data';

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set');
  const applied = await migrate(databaseUrl);
  const db = createDb(databaseUrl, 2);
  try {
    const started = Date.now();
    const data = await loadReferenceData(db);
    const [enti, users, roles] = await Promise.all([
      db.ente.count(),
      db.user.count(),
      db.roleAssignment.count({ where: { revokedAt: null } }),
    ]);
    console.log(`Migrations applied now: ${applied.length ? applied.join(', ') : 'none'}`);
    console.log(`Reference data loaded in ${Date.now() - started} ms:`);
    console.log(`  Comuni of Puglia: ${data.comuniCount}, ARCA: ${Object.keys(data.arcaIds).length}`);
    console.log(`  Enti in the database: ${enti}, users: ${users}, active role assignments: ${roles}`);
    console.log('  Demo users:');
    for (const user of DEMO_USERS) {
      console.log(`    ${user.key.padEnd(30)} ${user.codiceFiscale}  ${user.descrizione}`);
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
