import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode, type LogLevel, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { WORKER_SETTINGS } from '../temporal-config/settings';
import { activityLiveness } from './activity-liveness';

const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();
const PLATFORM_WORKFLOWS = path.join(__dirname, '../workflows/index.ts');
let runtimeInstalled = false;

/** The SDK logs every worker state change at INFO; the platform's own log wants warnings and errors. */
function installRuntime(level: LogLevel = 'WARN'): void {
  if (runtimeInstalled) return;
  Runtime.install({ logger: new DefaultLogger(level) });
  runtimeInstalled = true;
}

/**
 * Bundles the workflow code once per process (webpack, offline), however many workers start. With
 * WORKFLOW_BUNDLE_DIR set (the test run sets it to a folder of its own), once per run: the bundle is kept there
 * and every later process of the run reads it instead of bundling again (3 s each).
 */
export function workflowBundle(workflowsPath = PLATFORM_WORKFLOWS): Promise<WorkflowBundleWithSourceMap> {
  const existing = bundles.get(workflowsPath);
  if (existing) return existing;
  const dir = process.env.WORKFLOW_BUNDLE_DIR;
  const bundle = dir ? keptBundle(dir, workflowsPath) : bundleWorkflows(workflowsPath);
  bundles.set(workflowsPath, bundle);
  return bundle;
}

function bundleWorkflows(workflowsPath: string): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath,
    logger: { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: console.warn, error: console.error, log: () => undefined },
  });
}

async function keptBundle(dir: string, workflowsPath: string): Promise<WorkflowBundleWithSourceMap> {
  const file = path.join(dir, `${createHash('sha1').update(workflowsPath).digest('hex')}.json`);
  try {
    return JSON.parse(await readFile(file, 'utf8')) as WorkflowBundleWithSourceMap;
  } catch {
    const bundle = await bundleWorkflows(workflowsPath);
    // Written whole, then renamed: a process reading at the same time finds the old state or the new, never half.
    await mkdir(dir, { recursive: true });
    const partial = `${file}.${process.pid}.${Date.now()}`;
    await writeFile(partial, JSON.stringify(bundle));
    await rename(partial, file);
    return bundle;
  }
}

export async function createWorker(options: {
  address: string;
  namespace: string;
  taskQueue: string;
  /** The platform's (activities/index.ts), or a test's own. */
  activities: object;
  /** Another workflow barrel (the benchmarks'); the platform's by default. */
  workflowsPath?: string;
}): Promise<{ worker: Worker; connection: NativeConnection }> {
  installRuntime();
  const connection = await NativeConnection.connect({ address: options.address });
  const worker = await Worker.create({
    connection,
    namespace: options.namespace,
    taskQueue: options.taskQueue,
    workflowBundle: await workflowBundle(options.workflowsPath),
    activities: options.activities,
    interceptors: { activity: [activityLiveness] },
    ...WORKER_SETTINGS,
  });
  return { worker, connection };
}
