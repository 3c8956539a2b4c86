// The embedded PEC provider and the platform's reading of its receipts, wired by startAdapters as
// `npm start` wires them, in a process of its own so a test can kill it hard (SIGKILL). Run by
// startChildProcess with the platform's environment variables: tells its parent the provider's SMTP
// port once ready, then every receipt it records (what the platform signals the procedure with).
import { startAdapters } from '../../platform/adapters';
import { loadConfig } from '../../platform/config';
import { createDb } from '../../prisma/client';

async function main() {
  const config = loadConfig();
  const db = createDb(config.DATABASE_URL!);
  const running = await startAdapters(config, db, config.DATABASE_URL!, {
    onPecReceipt: async (recorded) => {
      process.send?.({ recorded });
    },
  });
  process.send?.({ port: running.localPec!.port });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
