/**
 * Imports the Comuni's codice fiscale and PEC from AgID's IPA open data "Enti" CSV (downloaded by a
 * person from indicepa.gov.it: the platform does not fetch it, so it also works on closed networks).
 * Usage: DATABASE_URL=postgresql://… tsx scripts/import-ipa.ts path/to/enti.csv
 * Run it after the reference data is loaded (tsx prisma/seed/index.ts); running it again is harmless.
 */
import { readFile } from 'node:fs/promises';
import { createDb } from '../prisma/client';
import { importIpa } from '../prisma/seed/ipa';

export {
  importIpa, parseIpaEnti, planIpaUpdates,
  type ComuneEnte, type IpaComune, type IpaImportSummary, type IpaParseResult, type IpaPlan, type IpaUpdate,
  type IpaWarning,
} from '../prisma/seed/ipa';

async function main(argv: readonly string[]): Promise<void> {
  const [file] = argv;
  const databaseUrl = process.env.DATABASE_URL;
  if (!file || !databaseUrl) {
    throw new Error('Usage: DATABASE_URL=postgresql://… tsx scripts/import-ipa.ts path/to/enti.csv');
  }
  const db = createDb(databaseUrl, 2);
  try {
    const summary = await importIpa(db, await readFile(file, 'utf8'));
    for (const warning of summary.warnings) console.warn(`warning: ${warning.message}`);
    console.log(`Rows read: ${summary.rowsRead}; Comuni in the file: ${summary.comuniInFile}`);
    console.log(`Comuni updated: ${summary.updated}; already up to date: ${summary.unchanged}`);
    if (summary.missingInFile.length > 0) {
      console.log(`Comuni without a usable IPA row (${summary.missingInFile.length}): ${summary.missingInFile.join(', ')}`);
    }
  } finally {
    await db.$disconnect();
  }
}

// Run only as a command, so tests can import the functions above.
if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
