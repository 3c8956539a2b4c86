import { execFile } from 'node:child_process';
import { access, constants, mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { TEMPORAL_CLI_MODULE } from './settings';

const run = promisify(execFile);

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

async function onPath(name: string): Promise<string | undefined> {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    const candidate = path.join(dir, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

/** Lets the SDK fetch the CLI (works where Temporal's download site is reachable), then reuses its file. */
async function sdkDownload(downloadDir: string, log: (line: string) => void): Promise<string | undefined> {
  const { TestWorkflowEnvironment } = await import('@temporalio/testing');
  await mkdir(downloadDir, { recursive: true });
  try {
    const env = await TestWorkflowEnvironment.createLocal({
      server: { executable: { type: 'cached-download', downloadDir } },
    });
    await env.teardown();
  } catch (error) {
    log(`Temporal SDK download failed: ${(error as Error).message.split('\n')[0]}`);
    return undefined;
  }
  for (const name of await readdir(downloadDir)) {
    const candidate = path.join(downloadDir, name);
    if (name.includes('temporal') && (await isExecutable(candidate))) return candidate;
  }
  return undefined;
}

async function goInstall(binDir: string, log: (line: string) => void): Promise<string | undefined> {
  const go = (await onPath('go')) ?? ((await isExecutable('/usr/local/go/bin/go')) ? '/usr/local/go/bin/go' : undefined);
  if (!go) return undefined;
  log(`Building the Temporal CLI with ${go} install ${TEMPORAL_CLI_MODULE} (several minutes the first time)…`);
  await mkdir(binDir, { recursive: true });
  try {
    await run(go, ['install', TEMPORAL_CLI_MODULE], {
      env: { ...process.env, GOBIN: binDir },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    log(`go install failed: ${(error as Error).message.split('\n').slice(0, 5).join(' ')}`);
    return undefined;
  }
  const built = path.join(binDir, 'temporal');
  return (await isExecutable(built)) ? built : undefined;
}

/**
 * Finds a `temporal` executable: TEMPORAL_CLI, then PATH, then the project's tools folder; else the
 * SDK's own download; else a build from the Go module proxy into the tools folder.
 */
export async function locateTemporalCli(options: {
  explicit?: string;
  toolsDir: string;
  log: (line: string) => void;
}): Promise<string> {
  const { explicit, toolsDir, log } = options;
  if (explicit) {
    if (await isExecutable(explicit)) return explicit;
    throw new Error(`TEMPORAL_CLI=${explicit} is not an executable file.`);
  }
  const binDir = path.join(toolsDir, 'bin');
  const found =
    (await onPath('temporal')) ??
    ((await isExecutable(path.join(binDir, 'temporal'))) ? path.join(binDir, 'temporal') : undefined) ??
    (await sdkDownload(path.join(toolsDir, 'sdk-download'), log)) ??
    (await goInstall(binDir, log));
  if (found) return found;
  throw new Error(
    [
      'No Temporal CLI found, and it could neither be downloaded nor built. Install it in one of these ways:',
      `  - with Go 1.22+: GOBIN=${binDir} go install ${TEMPORAL_CLI_MODULE}`,
      '  - or download the `temporal` CLI for your system and set TEMPORAL_CLI=/path/to/temporal',
      '  - or point the platform at an existing cluster with TEMPORAL_ADDRESS=host:7233',
    ].join('\n'),
  );
}
