import path from 'node:path';
import { DefaultLogger, NativeConnection, Runtime, Worker, bundleWorkflowCode, type LogLevel, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Activities } from '../activities';
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

/** Bundles the workflow code once per process (webpack, offline), however many workers start. */
export function workflowBundle(workflowsPath = PLATFORM_WORKFLOWS): Promise<WorkflowBundleWithSourceMap> {
  const existing = bundles.get(workflowsPath);
  if (existing) return existing;
  const bundle = bundleWorkflowCode({
    workflowsPath,
    logger: { trace: () => undefined, debug: () => undefined, info: () => undefined, warn: console.warn, error: console.error, log: () => undefined },
  });
  bundles.set(workflowsPath, bundle);
  return bundle;
}

export async function createWorker(options: {
  address: string;
  namespace: string;
  taskQueue: string;
  /** The platform's (Activities), or a test's own. */
  activities: Activities | object;
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
