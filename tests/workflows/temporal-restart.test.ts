// A procedure survives a restart of the Temporal server in the middle: its own dev server, with its
// state in a SQLite file, is stopped while the presa in carico task is open and started again.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sendCommunication } from '../../api/comunicazioni/send-communication';
import { COMUNE_BARI } from '../../prisma/seed/reference-data';
import type { RunningDevServer } from '../../temporal-config/dev-server';
import { completeTaskUpdate } from '../../workflows/shared/tasks';
import { freePort } from '../support/free-port';
import { ownTemporal } from '../support/own-temporal';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

describe('when the Temporal server restarts in the middle of a procedure', () => {
  let dir: string;
  let start: () => Promise<RunningDevServer>;
  let server: RunningDevServer;
  let platform: TestPlatform;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'push-temporal-restart-'));
    start = ownTemporal(dir, await freePort());
    server = await start();
    platform = await startTestPlatform({ address: server.address });
    await platform.startWorker();
  });
  afterAll(async () => {
    await platform.close();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('then the open task can still be decided, and the procedure ends with one protocol number', async () => {
    const sender = await platform.actor('bari.referente');
    const { id, workflowId } = await sendCommunication(
      platform.db,
      { temporal: platform.client, taskQueue: platform.taskQueue, regioneEnteId: platform.ref.regioneId, documents: platform.adapters.adapters.documents },
      { enteId: platform.ref.demoComuneIds[COMUNE_BARI], senderId: sender.userId, oggetto: 'Prima del riavvio', testo: 'Testo', allegati: [] },
    );
    const task = await eventually(() => platform.db.task.findFirst({ where: { workflowId } }));

    await server.stop();
    server = await start();

    const istruttore = await platform.actor('regione.istruttore');
    const handle = platform.client.workflow.getHandle(workflowId);
    await eventually(
      () => handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, actor: istruttore, decision: { esito: 'PRESA_IN_CARICO' } }] }).then(() => true, () => null),
      60_000,
    );
    expect((await handle.result()).esito).toBe('PRESA_IN_CARICO');
    expect(await platform.db.protocolRegistration.count({ where: { workflowId } })).toBe(1);
    expect((await platform.db.communication.findUniqueOrThrow({ where: { id } })).stato).toBe('PRESA_IN_CARICO');
  });
});
