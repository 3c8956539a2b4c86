// The platform's embedded PEC provider and its reading of receipts (a child process wired as `npm start`
// wires them) killed with SIGKILL after the provider answered 250 and before any receipt was recorded,
// then started again on the same data folder. A lock on PecReceipt, held by the test, keeps the
// platform from recording receipts until the kill: the kill lands in that window every time.
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import type { PecSendInput } from '../../../activities/pec/pec';
import { createPecService, type RecordedReceipt } from '../../../activities/pec/smtp-pec-service';
import { openProviderStore } from '../../../platform/pec-provider/store';
import { createDb, type Db } from '../../../prisma/client';
import { type ChildHandle, startChildProcess } from '../../support/child-worker';
import { createFreshDatabase, type FreshDatabase } from '../../support/fresh-database';
import { freePort } from '../../support/free-port';
import { eventually } from '../../support/platform';

const SENDER = 'protocollo@pec.regione.puglia.it';
const PLATFORM = path.join(__dirname, '../../support/pec-provider-process.ts');

/** Holds PostgreSQL's lock on the receipts table until released: nobody records a receipt meanwhile. */
async function blockReceipts(url: string): Promise<{ release(): Promise<void> }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE "PecReceipt" IN EXCLUSIVE MODE');
  return {
    async release() {
      await client.query('ROLLBACK');
      await client.end();
    },
  };
}

describe('when the platform is killed after its PEC provider accepted a PEC and before the receipts were recorded', () => {
  let fresh: FreshDatabase;
  let db: Db;
  let pec: ReturnType<typeof createPecService>;
  let dataDir: string;
  let env: Record<string, string>;
  const recorded: RecordedReceipt[] = [];
  const startPlatform = () => startChildProcess(PLATFORM, env, (message) => {
    const notice = (message as { recorded?: RecordedReceipt }).recorded;
    if (notice) recorded.push(notice);
  });

  beforeAll(async () => {
    fresh = await createFreshDatabase('push_pec_crash');
    db = createDb(fresh.url);
    // The provider's port stays the same across the restart, as a configured one does.
    const port = await freePort();
    dataDir = path.join(process.env.PUSH_TEST_DATA_DIR!, `pec-crash-${randomUUID()}`);
    env = { DATABASE_URL: fresh.url, PUSH_DATA_DIR: dataDir, PEC_LOCAL_PORT: String(port), PEC_FROM: SENDER, PROTOCOL_AOO: 'AOO_TEST' };
    pec = createPecService({ db, smtp: { host: '127.0.0.1', port, secure: false }, from: SENDER });
  });
  afterAll(async () => {
    pec.close();
    await db.$disconnect();
    await fresh.drop();
  });

  const request = (to: string): PecSendInput => ({
    idempotencyKey: `wf-${randomUUID()}/pec/esito`, to, subject: 'Esito della richiesta di accreditamento', text: 'Testo', workflowId: `wf-${randomUUID()}`,
  });

  it('then, started again on the same data folder, each PEC reaches its outcome once with one row per receipt, and a resend is delivered once', async () => {
    const blocked = await blockReceipts(fresh.url);
    let platform: ChildHandle | undefined = await startPlatform();
    try {
      const delivered = await pec.send(request('protocollo@pec.comune.bari.it'));
      const undeliverable = await pec.send(request('protocollo@pec-inesistente.example'));
      // Accepted by the provider, but the sender died before recording it: its retry sends it again.
      const resendInput = request('protocollo@pec.comune.taranto.it');
      const resent = await pec.send(resendInput);
      await db.pecMessage.update({ where: { id: resent.id }, data: { sentAt: null } });

      await platform.kill();
      expect(await db.pecReceipt.count()).toBe(0);
      expect(await db.pecMessage.count({ where: { stato: 'INVIATO' } })).toBe(3);

      platform = await startPlatform();
      const retried = await pec.send(resendInput);
      expect(retried).toMatchObject({ id: resent.id, messageId: resent.messageId, stato: 'INVIATO' });
      expect(retried.sentAt).not.toBeNull();
      await blocked.release();

      const outcomes = { [delivered.id]: 'CONSEGNATO', [undeliverable.id]: 'ERRORE', [resent.id]: 'CONSEGNATO' };
      for (const [id, stato] of Object.entries(outcomes)) {
        const status = await eventually(async () => {
          const current = await pec.status(id);
          return current.stato === stato && current.receipts.length === 2 ? current : null;
        });
        const secondTipo = stato === 'CONSEGNATO' ? 'avvenuta-consegna' : 'errore-consegna';
        expect(status.receipts.map((receipt) => receipt.tipo).sort()).toEqual(['accettazione', secondTipo]);
      }
      // Each receipt recorded once and told to its procedure once.
      expect(await db.pecReceipt.count()).toBe(6);
      const told = await eventually(async () => (recorded.length >= 6 ? recorded : null));
      expect(told.map(({ pecId, tipo }) => `${pecId} ${tipo}`).sort()).toEqual(
        (await db.pecReceipt.findMany()).map(({ pecMessageId, tipo }) => `${pecMessageId} ${tipo}`).sort(),
      );
      await platform.kill();
      platform = undefined;

      const store = await openProviderStore(path.join(dataDir, 'pec-provider'));
      const bustas = (to: string) => store.mailbox(to).filter((entry) => entry.tipo === 'posta-certificata');
      expect(bustas(delivered.to)).toHaveLength(1);
      expect(bustas(undeliverable.to)).toHaveLength(0);
      expect(bustas(resent.to)).toHaveLength(1);
      expect(store.mailbox(SENDER)).toHaveLength(6);
      expect(store.unreadReceipts(SENDER)).toEqual([]);
    } finally {
      await platform?.kill();
      await blocked.release().catch(() => undefined);
    }
  });
});
