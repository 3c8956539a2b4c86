// A procedure worker in a process of its own, so a test can kill it hard (SIGKILL) mid-procedure.
// Run by tests/support/child-worker.ts with the platform's environment variables.
import { startAdapters } from '../../platform/adapters';
import { loadConfig } from '../../platform/config';
import { createWorker } from '../../platform/worker';
import { createDb } from '../../prisma/client';

async function main() {
  const config = loadConfig();
  const db = createDb(config.DATABASE_URL!);
  // PEC_SMTP_HOST points at the test's provider: this process sends, the test's platform reads receipts.
  const { activities } = await startAdapters(config, db, config.DATABASE_URL!);
  const { worker } = await createWorker({
    address: config.TEMPORAL_ADDRESS!,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueue: config.TEMPORAL_TASK_QUEUE,
    activities,
  });
  process.send?.('ready');
  await worker.run();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
