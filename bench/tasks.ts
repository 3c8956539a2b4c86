// bench:tasks — over 200 human steps, the latency from the API call that completes a task to the next
// task being visible in the inbox (through the real API, Temporal, worker, activities and projection),
// beside the floor: a bare Temporal update round-trip on the same server.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import globalSetup from '../tests/support/global-setup';
import { stopAll } from '../tests/support/running-servers';
import { startTestServer } from '../tests/support/api-server';
import { signIn, type ApiSession } from '../tests/support/sign-in';
import { demoCf } from '../tests/support/demo';
import { COMUNE_BARI } from '../prisma/seed/enti';
import { INVIO_GENERICO } from '../workflows/shared/invio-generico';
import { machine, saveResults, summarize } from './stats';
import { pingUpdate, stopUpdate, type ChainInput } from './workflows';

const STEPS = Number(process.env.BENCH_STEPS ?? 200);
const WARMUP = 10;
const STEP_TIMEOUT_MS = 30_000;

interface TaskList { items: { id: string; titolo: string }[] }

/** Polls without pause (the latency is the figure), for at most STEP_TIMEOUT_MS: a step that never shows is an error. */
async function nextTaskVisible(session: ApiSession, previousId: string | null): Promise<string> {
  const deadline = performance.now() + STEP_TIMEOUT_MS;
  while (performance.now() < deadline) {
    // The chain's steps are tasks of the procedure whose form they use (bench/workflows.ts).
    const { body } = await session.json<TaskList>(`/api/tasks?vista=gruppi&procedura=${INVIO_GENERICO}&perPagina=1&ordina=-createdAt`);
    const top = body.items[0];
    if (top && top.id !== previousId) return top.id;
  }
  throw new Error(`no new task in the inbox within ${STEP_TIMEOUT_MS / 1000} s after task ${previousId ?? '(none)'}`);
}

async function main() {
  await globalSetup();
  const server = await startTestServer({ workflowsPath: path.join(__dirname, 'workflows.ts') });
  try {
    const { platform } = server;
    const istruttore = await signIn(server.baseUrl, demoCf('regione.istruttore'));
    const input: ChainInput = {
      steps: STEPS + WARMUP + 1,
      enteId: platform.ref.demoComuneIds[COMUNE_BARI],
      candidates: { candidateEnteId: platform.ref.regioneId, candidateRole: 'ISTRUTTORE', candidateArea: null },
    };
    const chain = await platform.client.workflow.start('humanStepChain', { taskQueue: platform.taskQueue, workflowId: `bench-chain-${Date.now()}`, args: [input] });

    const stepLatency: number[] = [];
    const completeCall: number[] = [];
    let taskId = await nextTaskVisible(istruttore, null);
    for (let step = 0; step < STEPS + WARMUP; step++) {
      const started = performance.now();
      const response = await istruttore.postJson(`/api/tasks/${taskId}/complete`, { decision: { esito: 'PRESA_IN_CARICO' } });
      if (response.status !== 200) throw new Error(`complete answered ${response.status}: ${JSON.stringify(response.body)}`);
      const answered = performance.now();
      taskId = await nextTaskVisible(istruttore, taskId);
      if (step >= WARMUP) {
        stepLatency.push(performance.now() - started);
        completeCall.push(answered - started);
      }
    }
    await chain.terminate('benchmark finished');

    const bare = await platform.client.workflow.start('bareUpdate', { taskQueue: platform.taskQueue, workflowId: `bench-bare-${Date.now()}` });
    const floor: number[] = [];
    for (let i = 0; i < STEPS + WARMUP; i++) {
      const started = performance.now();
      await bare.executeUpdate(pingUpdate, { args: [i] });
      if (i >= WARMUP) floor.push(performance.now() - started);
    }
    await bare.executeUpdate(stopUpdate);

    const results = {
      benchmark: 'tasks',
      date: new Date().toISOString(),
      machine: machine(),
      steps: STEPS,
      completeToNextTaskVisibleMs: summarize(stepLatency),
      completeApiCallMs: summarize(completeCall),
      floorBareUpdateRoundTripMs: summarize(floor),
    };
    const ratio = results.completeToNextTaskVisibleMs.p50 / results.floorBareUpdateRoundTripMs.p50;
    const file = await saveResults('tasks', { ...results, p50OverFloor: Math.round(ratio * 10) / 10 });
    console.table({
      'complete → next task visible': results.completeToNextTaskVisibleMs,
      'complete API call alone': results.completeApiCallMs,
      'floor: bare update round-trip': results.floorBareUpdateRoundTripMs,
    });
    console.log(`p50 is ${ratio.toFixed(1)}x the floor; saved ${path.relative(process.cwd(), file)}`);
  } finally {
    await server.close();
    await stopAll();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
