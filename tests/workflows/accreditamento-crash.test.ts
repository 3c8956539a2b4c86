// A worker killed (SIGKILL) between the protocol registration of the act and its PEC: after a restart
// the procedure ends with one protocol number out and one PEC, delivered once.
import { submitAccreditamento } from '../../api/accreditamenti/submit';
import { completeTaskUpdate } from '../../workflows/shared/tasks';
import { startChildWorker } from '../support/child-worker';
import { eventually, startTestPlatform, type TestPlatform } from '../support/platform';

const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

describe('when the worker is killed between the protocol and the PEC of the act', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startTestPlatform();
  });
  afterAll(() => platform.close());

  it('then after a restart there is one protocol number out and one PEC', async () => {
    const localPec = platform.adapters.localPec!;
    const env = {
      DATABASE_URL: process.env.DATABASE_URL!,
      TEMPORAL_ADDRESS: platform.address,
      TEMPORAL_TASK_QUEUE: platform.taskQueue,
      PUSH_DATA_DIR: process.env.PUSH_TEST_DATA_DIR!,
      PROTOCOL_AOO: 'AOO_TEST',
      PEC_SMTP_HOST: '127.0.0.1',
      PEC_SMTP_PORT: String(localPec.port),
      PEC_SMTP_SECURE: 'false',
    };
    let worker = await startChildWorker(env);
    try {
      const requester = await platform.actor('arca-centrale.referente');
      const pec = 'arca.capitanata@pec.arca.example';
      const { workflowId } = await submitAccreditamento(
        { db: platform.db, temporal: platform.client, taskQueue: platform.taskQueue, regioneEnteId: platform.ref.regioneId, storeDocument: (input) => platform.adapters.adapters.documents.store(input) },
        { userId: requester.userId, codiceFiscale: requester.codiceFiscale, nome: 'Nicola', cognome: 'Cassano' },
        { tipo: 'ALTRO', denominazione: 'Consorzio Casa Capitanata', codiceFiscale: '93000030721', pec, sede: 'Via Gramsci 1, Foggia', qualifica: 'Presidente' },
        { filename: 'atto.pdf', content: PDF },
      );
      const handle = platform.client.workflow.getHandle(workflowId);
      const review = await eventually(() => platform.db.task.findFirst({ where: { workflowId, taskKey: 'istruttoria-1', stato: 'APERTA' } }), 60_000);
      await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: review.id, actor: await platform.actor('regione.istruttore'), decision: { esito: 'APPROVA' } }] });
      const firma = await eventually(() => platform.db.task.findFirst({ where: { workflowId, taskKey: 'firma-1', stato: 'APERTA' } }));
      await handle.executeUpdate(completeTaskUpdate, { args: [{ taskId: firma.id, actor: await platform.actor('regione.dirigente'), decision: { esito: 'FIRMA', impronta: (firma.data as { atto: { sha256: string } }).atto.sha256 } }] });

      // The moment the act is protocolled out, the worker dies without a chance to clean up.
      await eventually(() => platform.db.protocolRegistration.findFirst({ where: { workflowId, direction: 'USCITA' } }), 60_000, 5);
      await worker.kill();
      worker = await startChildWorker(env);

      expect((await handle.result()).esito).toBe('ACCREDITATA');
      expect(await platform.db.protocolRegistration.count({ where: { workflowId, direction: 'USCITA' } })).toBe(1);
      const messages = await platform.db.pecMessage.findMany({ where: { workflowId } });
      expect(messages).toHaveLength(1);
      expect(messages[0]!.stato).toBe('CONSEGNATO');
      const delivered = localPec.mailbox(pec).filter((entry) => entry.tipo === 'posta-certificata');
      expect(delivered).toHaveLength(1);
    } finally {
      await worker.kill();
    }
    // Two worker processes start (tsx and the workflow bundle each time): slow on a busy 2-core machine.
  }, 300_000);
});
