// A decision must never be lost when Temporal dies while it is recorded. Temporal runs here as its own dev
// server with its state in a SQLite file; the worker's projection write of the decision kills it (kill -9)
// the moment the inbox row is written. The client's retry with the same Idempotency-Key must land the
// decision exactly once and the procedure must move on, with the inbox and the workflow in agreement.
import { listenToTaskChanges } from '../../api/tasks/live';
import { BackgroundWork } from '../../api/background-work';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Activities } from '../../activities';
import { completeTask, decisionUpdateId } from '../../api/tasks/actions';
import type { ApiRuntime } from '../../api/runtime';
import { AppError } from '../../api/errors';
import { probeConnection } from '../../api/health';
import type { ChainInput } from '../../bench/workflows';
import { uploadSettings } from '../../platform/config';
import { createWorker } from '../../platform/worker';
import { COMUNE_BARI } from '../../prisma/seed/reference-data';
import type { RunningDevServer } from '../../temporal-config/dev-server';
import { completeTaskUpdate, openTasksQuery } from '../../workflows/shared/tasks';
import { freePort } from '../support/free-port';
import { ownTemporal } from '../support/own-temporal';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

const CHAIN_WORKFLOWS = path.join(__dirname, '../../bench/workflows.ts');

describe('when the Temporal server is killed right after the inbox records a decision', () => {
  let dir: string;
  let start: () => Promise<RunningDevServer>;
  let server: RunningDevServer;
  let platform: TestPlatform;
  let runtime: ApiRuntime;
  let stopWorker: () => Promise<void>;
  /** Set just before the decision: the next projection write of a completion kills the server. */
  let killOnCompletion = false;
  let killed: Promise<void> | undefined;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'push-decision-crash-'));
    start = ownTemporal(dir, await freePort());
    server = await start();
    platform = await startTestPlatform({ address: server.address });
    const real = platform.adapters.activities;
    const activities: Activities = {
      ...real,
      async completeTask(input) {
        await real.completeTask(input);
        if (!killOnCompletion) return;
        killOnCompletion = false;
        killed = server.kill();
        await killed;
      },
    };
    const { worker, connection } = await createWorker({ address: server.address, namespace: 'default', taskQueue: platform.taskQueue, activities, workflowsPath: CHAIN_WORKFLOWS });
    const running = worker.run();
    stopWorker = async () => {
      worker.shutdown();
      await running;
      await connection.close();
    };
    runtime = {
      db: platform.db,
      temporal: platform.client,
      namespace: 'default',
      taskQueue: platform.taskQueue,
      regioneEnteId: platform.ref.regioneId,
      temporalUiUrl: null,
      map: { tilesUrl: null, attribution: 'Test' },
      documents: platform.adapters.adapters.documents,
      pec: platform.adapters.adapters.pec,
      pdf: platform.adapters.adapters.pdf,
      uploads: uploadSettings(platform.config),
      temporalProbe: probeConnection(server.address),
      worker,
      taskChanges: listenToTaskChanges(process.env.DATABASE_URL!),
      background: new BackgroundWork(),
    };
  });
  afterAll(async () => {
    await stopWorker();
    await runtime.temporalProbe.close();
    await runtime.taskChanges.close();
    await platform.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('then the retry with the same key lands it exactly once, the procedure moves on, and inbox and workflow agree', async () => {
    const input: ChainInput = {
      steps: 2,
      enteId: platform.ref.demoComuneIds[COMUNE_BARI],
      candidates: { candidateEnteId: platform.ref.regioneId, candidateRole: 'ISTRUTTORE', candidateArea: null },
    };
    const handle = await platform.client.workflow.start('humanStepChain', { taskQueue: platform.taskQueue, workflowId: `decision-crash-${Date.now()}`, args: [input] });
    const { workflowId } = handle;
    const first = await eventually(() => platform.db.task.findFirst({ where: { workflowId, taskKey: 'passo-1' } }));
    const istruttore = await platform.actor('regione.istruttore');
    const decide = () => completeTask(runtime, istruttore, first.id, { esito: 'PRESA_IN_CARICO' }, 'decisione-passo-1');

    killOnCompletion = true;
    // The server dies under this request; like a browser's, the first attempt gives up after a while.
    await runtime.temporal.connection.withDeadline(Date.now() + 5_000, decide).catch((error: unknown) => {
      if (error instanceof AppError) throw error;
    });
    await eventually(async () => (killed ? true : null));
    await killed;
    server = await start();

    // The person (the UI) retries with the same key until the platform answers; a refusal ends the test.
    await eventually(() => decide().then(() => true, (error: unknown) => {
      if (error instanceof AppError) throw error;
      return null;
    }), 60_000, 250);

    const second = await eventually(() => platform.db.task.findFirst({ where: { workflowId, taskKey: 'passo-2', stato: 'APERTA' } }), 60_000);
    const inbox = await platform.db.task.findMany({ where: { workflowId, stato: 'APERTA' }, select: { id: true } });
    const open = await handle.query(openTasksQuery);
    expect(open.map((task) => task.taskId)).toEqual([second.id]);
    expect(inbox.map((task) => task.id)).toEqual([second.id]);

    expect(await platform.db.task.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ stato: 'COMPLETATA', completedById: istruttore.userId });
    expect(await platform.db.taskEvent.count({ where: { taskId: first.id, tipo: 'COMPLETATA' } })).toBe(1);
    // Nobody held it: the decision took it first, once, however many times the write was made.
    expect(await platform.db.taskEvent.count({ where: { taskId: first.id, tipo: 'PRESA_IN_CARICO' } })).toBe(1);
    expect(await platform.db.auditEvent.count({ where: { oggetto: `task:${first.id}`, azione: 'ATTIVITA_COMPLETATA' } })).toBe(1);
    const history = await handle.fetchHistory();
    const accepted = history.events!.filter((event) => event.workflowExecutionUpdateAcceptedEventAttributes?.acceptedRequest?.input?.name === 'completeTask');
    expect(accepted).toHaveLength(1);

    // A retry once the decision is recorded answers as the first did; another decision is refused.
    await expect(decide()).resolves.toBeUndefined();
    // Temporal itself deduplicates the update id: it answers with the decision history holds, whatever is sent.
    const sameUpdate = decisionUpdateId(first.id, istruttore.userId, 'decisione-passo-1');
    const replayed = await handle.executeUpdate(completeTaskUpdate, { updateId: sameUpdate, args: [{ taskId: first.id, actor: istruttore, decision: { esito: 'NON_DI_COMPETENZA', note: 'altro' } }] });
    expect(replayed).toEqual({ actorId: istruttore.userId, outcome: { esito: 'PRESA_IN_CARICO' }, presaImplicita: true });
    await expect(completeTask(runtime, istruttore, first.id, { esito: 'PRESA_IN_CARICO' }, 'un-altro-tentativo')).rejects.toMatchObject({ status: 409 });

    await completeTask(runtime, istruttore, second.id, { esito: 'PRESA_IN_CARICO' }, 'decisione-passo-2');
    expect(await handle.result()).toBe(2);
    expect(await platform.db.task.count({ where: { workflowId, stato: 'APERTA' } })).toBe(0);
  });
});
