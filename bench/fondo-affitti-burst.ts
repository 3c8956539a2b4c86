// bench:fondo-affitti's moment of submission, in a process of its own as the Comuni's browsers are: every
// request of the plan (the JSON file BENCH_PLAN) sent at once; or, for the floors, one bare Update (or
// Signal) to each workflow of the plan, from a Temporal client of its own. The latencies are the last line of output, JSON.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { Client, Connection } from '@temporalio/client';
import { pingSignal, pingUpdate } from './workflows';

export type BurstPlan =
  | { kind: 'submissions'; baseUrl: string; requests: { path: string; cookie: string; csrfToken: string; body: unknown }[] }
  | { kind: 'bare-updates' | 'bare-signals'; address: string; workflowIds: string[] };

export interface BurstFigures {
  latencies: number[];
  /** One line per refused request: its index, status and answer. */
  errors: string[];
  allAnsweredMs: number;
  /** CPU this process spent sending and reading (it shares the machine with the platform). */
  clientCpuMs?: number;
}

async function submissions(plan: Extract<BurstPlan, { kind: 'submissions' }>): Promise<BurstFigures> {
  const latencies: number[] = [];
  const errors: string[] = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(plan.requests.map(async (request, index) => {
    const sent = performance.now();
    const response = await fetch(`${plan.baseUrl}${request.path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: request.cookie, 'x-csrf-token': request.csrfToken },
      body: JSON.stringify(request.body),
    });
    const answer = await response.text();
    latencies.push(performance.now() - sent);
    if (response.status !== 200) errors.push(`${index}: ${response.status} ${answer}`);
  }));
  const allAnsweredMs = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  return { latencies, errors, allAnsweredMs, clientCpuMs: Math.round((user + system) / 1000) };
}

async function bare(plan: Extract<BurstPlan, { kind: 'bare-updates' | 'bare-signals' }>): Promise<BurstFigures> {
  const connection = await Connection.connect({ address: plan.address });
  try {
    const client = new Client({ connection });
    const handles = plan.workflowIds.map((workflowId) => client.workflow.getHandle(workflowId));
    const latencies: number[] = [];
    const started = performance.now();
    await Promise.all(handles.map(async (handle, index) => {
      const sent = performance.now();
      if (plan.kind === 'bare-updates') await handle.executeUpdate(pingUpdate, { args: [index] });
      else await handle.signal(pingSignal, index);
      latencies.push(performance.now() - sent);
    }));
    return { latencies, errors: [], allAnsweredMs: performance.now() - started };
  } finally {
    await connection.close();
  }
}

async function main(): Promise<BurstFigures> {
  const plan = JSON.parse(await readFile(process.env.BENCH_PLAN!, 'utf8')) as BurstPlan;
  return plan.kind === 'submissions' ? submissions(plan) : bare(plan);
}

if (require.main === module) {
  main().then(
    (figures) => console.log(JSON.stringify(figures)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
