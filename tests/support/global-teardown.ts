import { repeatLateLogs } from './late-logs';
import { recordHistories } from './record-histories';
import { stopAll } from './running-servers';

export default async function globalTeardown(): Promise<void> {
  // RECORD_HISTORIES=1 npm test: keep the paths this run took as replay fixtures, before Temporal stops.
  if (process.env.RECORD_HISTORIES === '1' && process.env.TEMPORAL_ADDRESS) {
    const recorded = await recordHistories(process.env.TEMPORAL_ADDRESS).catch((error: unknown) => {
      console.error('recording the histories failed', error);
      return 0;
    });
    console.log(`recorded ${recorded} new histories in tests/workflows/histories`);
  }
  await stopAll();
  repeatLateLogs();
}
