// One platform per data folder: two would share (and corrupt) one PostgreSQL cluster and one Temporal SQLite
// file. The lock is a pid file checked against the process's command line, so a stale file left by a kill -9
// (or a pid reused by another program) never blocks a start, and a start right after a crash waits for the
// previous platform to finish stopping (it stops by itself when its parent dies).
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { processesRunning } from './processes';

const WAIT_FOR_PREVIOUS_MS = 30_000;

/** How this process's command line names the platform's entry point, whichever way it was started. */
const isPlatform = (entry: string) => (argv: string[]) => argv.some((arg) => arg === entry || arg.endsWith(`/${entry}`));

async function holder(file: string, entry: string): Promise<number | null> {
  const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  const running = await processesRunning(isPlatform(entry));
  return running.includes(pid) ? pid : null;
}

/** Takes the data folder for this process; throws, saying what to do, if another platform keeps it. */
export async function lockDataDir(dataDir: string, log: (line: string) => void, entry = 'platform/start.ts'): Promise<{ release(): Promise<void> }> {
  const file = path.join(dataDir, 'push.pid');
  const deadline = Date.now() + WAIT_FOR_PREVIOUS_MS;
  let previous = await holder(file, entry);
  if (previous) log(`waiting for the previous platform (pid ${previous}) on ${dataDir} to stop…`);
  while (previous && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    previous = await holder(file, entry);
  }
  if (previous) {
    throw new Error(
      `PUSH è già in esecuzione (pid ${previous}) con la cartella dati ${dataDir}: fermalo (Ctrl-C nel suo terminale, o kill ${previous}) ` +
        `oppure avvia questa istanza con un altro PUSH_DATA_DIR e altre porte. / PUSH is already running (pid ${previous}) on this data folder: ` +
        'stop it, or start this one with another PUSH_DATA_DIR and other ports.',
    );
  }
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, `${process.pid}\n`);
  return {
    async release() {
      if ((await readFile(file, 'utf8').catch(() => '')).trim() === String(process.pid)) await rm(file, { force: true });
    },
  };
}
