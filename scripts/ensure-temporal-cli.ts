// Finds the Temporal CLI, or downloads or builds it into .tools/, so `npm start` and the tests start fast.
import { loadConfig } from '../platform/config';
import { locateTemporalCli } from '../temporal-config/locate-cli';

async function main() {
  const config = loadConfig();
  if (config.TEMPORAL_ADDRESS) {
    console.log(`setup: TEMPORAL_ADDRESS is set (${config.TEMPORAL_ADDRESS}): no local Temporal CLI needed`);
    return;
  }
  const cli = await locateTemporalCli({ explicit: config.TEMPORAL_CLI, toolsDir: config.PUSH_TOOLS_DIR, log: (line) => console.log(`setup: ${line}`) });
  console.log(`setup: Temporal CLI at ${cli}`);
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
