/**
 * Seeds the demo database — the one `npm start` uses — with the generated regional stock, as official
 * snapshots (prisma/seed/stock.ts). Safe to run again: what is there stays as it is.
 * Usage: npm run seed:stock [-- --dir <flussi of generate:stock>] [--seed 1] [--scale 1] [--semesters 2] [--date 2025-12-31]
 * The database: DATABASE_URL when set; otherwise the embedded PostgreSQL in PUSH_DATA_DIR (.data/),
 * reached while `npm start` runs, or started for the seeding and stopped after it.
 */
import { parseArgs } from 'node:util';
import { acceptsConnections, embeddedPlatformUrl, prepareDatabase, startEmbeddedPostgres } from '../platform/database';
import { loadConfig } from '../platform/config';
import { createDb } from '../prisma/client';
import { loadReferenceData } from '../prisma/seed/reference-data';
import { seedStock } from '../prisma/seed/stock';

const USAGE = 'Usage: npm run seed:stock [-- --dir <dir>] [--seed 1] [--scale 1] [--semesters 2] [--date 2025-12-31]';

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`--${name} must be a positive number, got "${value}"\n${USAGE}`);
  return parsed;
}

/** The platform's database URL, and how to stop the embedded server if this script started it. */
async function platformDatabase(): Promise<{ url: string; stop?: () => Promise<void> }> {
  const config = loadConfig();
  if (config.DATABASE_URL) return { url: config.DATABASE_URL };
  const url = embeddedPlatformUrl(config.EMBEDDED_POSTGRES_PORT);
  if (await acceptsConnections(url)) {
    console.log(`Using the running embedded PostgreSQL on port ${config.EMBEDDED_POSTGRES_PORT}`);
    return { url };
  }
  console.log(`Starting the embedded PostgreSQL (data in ${config.PUSH_DATA_DIR}/pg) for the seeding…`);
  const server = await startEmbeddedPostgres(config.PUSH_DATA_DIR, config.EMBEDDED_POSTGRES_PORT, (line) => console.log(line));
  return { url, stop: server.stop };
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: { dir: { type: 'string' }, seed: { type: 'string' }, scale: { type: 'string' }, semesters: { type: 'string' }, date: { type: 'string' } },
    strict: true,
  });
  const database = await platformDatabase();
  try {
    await prepareDatabase(database.url);
    const db = createDb(database.url, 4);
    try {
      await loadReferenceData(db);
      const result = await seedStock(db, database.url, {
        dir: values.dir,
        seed: positive('seed', values.seed),
        scale: positive('scale', values.scale),
        semesters: positive('semesters', values.semesters),
        dataRiferimento: values.date,
        log: (line) => console.log(line),
      });
      if (result.refused > 0) process.exitCode = 1;
    } finally {
      await db.$disconnect();
    }
  } finally {
    await database.stop?.();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
