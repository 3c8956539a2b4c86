// The ricognizione campaign on a real Temporal server, with days compressed to a second: every ente due
// gets its transmission (a new one, or the one it had opened, with the deadline set), the opening PEC
// and the reminders go only to enti still due, an extension moves the enti's tasks and re-plans the
// reminders, and closing ends the campaign.
import { loadActor } from '../../api/auth/actor';
import { consistenzaNulla } from '../../activities/stock';
import { INVIO_FLUSSI_WORKFLOW, invioFlussiWorkflowId, type InvioFlussiInput } from '../../workflows/shared/flussi';
import { chiudiRicognizioneUpdate, prorogaScadenzaUpdate, RICOGNIZIONE_WORKFLOW, ricognizioneWorkflowId, type RicognizioneInput } from '../../workflows/shared/ricognizione';
import { completeTaskUpdate } from '../../workflows/shared/tasks';
import { codiceFiscaleCheckChar } from '../../workflows/shared/codice-fiscale';
import { eventually, startTestPlatform, type RunningWorker, type TestPlatform } from '../support/platform';

const DAY_MS = 1000;
const DATA = '2031-06-30';

describe('ricognizione patrimoniale workflow', () => {
  let platform: TestPlatform;
  let worker: RunningWorker;

  beforeAll(async () => {
    platform = await startTestPlatform();
    worker = await platform.startWorker();
  });
  afterAll(() => platform.close());

  const pecRounds = (ricognizioneId: string, enteId: string) =>
    platform.db.ricognizionePec.findMany({ where: { ricognizioneEnte: { ricognizioneId, enteId } }, orderBy: { sentAt: 'asc' } }).then((rows) => rows.map((row) => row.round));

  it('when a campaign runs, then only the enti still due get tasks, the opening PEC and reminders, which follow an extended deadline', async () => {
    const { arcaIds, regioneId } = platform.ref;
    const [declares, due, alreadyOpen, alreadyDone] = [arcaIds['750000'], arcaIds['740000'], arcaIds['730000'], arcaIds['710000']];
    for (const [index, enteId] of [declares, due, alreadyOpen, alreadyDone].entries()) {
      await platform.db.ente.update({ where: { id: enteId }, data: { pec: `patrimonio${index}@pec.ricognizione.example` } });
    }
    const referente = await platform.db.user.create({
      data: {
        codiceFiscale: `RCGMRA80A41E506${codiceFiscaleCheckChar('RCGMRA80A41E506')}`,
        nome: 'Maria',
        cognome: 'Ricognizione',
        roles: { create: { enteId: declares, ruolo: 'REFERENTE', area: 'PATRIMONIO' } },
      },
    });
    // One ente transmitted before the campaign; another had opened its transmission without a deadline.
    await consistenzaNulla(platform.db, { enteId: alreadyDone, dataRiferimento: DATA });
    const ownInput: InvioFlussiInput = { enteId: alreadyOpen, enteDenominazione: 'ARCA Jonica', entePec: null, dataRiferimento: DATA, scadenza: null, regioneEnteId: regioneId };
    await platform.client.workflow.start(INVIO_FLUSSI_WORKFLOW, { workflowId: invioFlussiWorkflowId(alreadyOpen, DATA), taskQueue: platform.taskQueue, args: [ownInput] });
    await eventually(() => platform.db.task.findFirst({ where: { workflowId: invioFlussiWorkflowId(alreadyOpen, DATA) } }));

    const scadenza = new Date(Date.now() + 10 * DAY_MS).toISOString();
    const workflowId = ricognizioneWorkflowId(DATA);
    const ricognizione = await platform.db.ricognizione.create({
      data: {
        workflowId, dataRiferimento: new Date(`${DATA}T00:00:00Z`), scadenza: new Date(scadenza), sollecitiGiorni: [-4, 3], createdById: platform.ref.users['regione.istruttore'],
        enti: { createMany: { data: [declares, due, alreadyOpen, alreadyDone].map((enteId) => ({ enteId })) } },
      },
    });
    const input: RicognizioneInput = { ricognizioneId: ricognizione.id, dataRiferimento: DATA, scadenza, sollecitiGiorni: [-4, 3], regioneEnteId: regioneId, durataGiornoMs: DAY_MS };
    const handle = await platform.client.workflow.start(RICOGNIZIONE_WORKFLOW, { workflowId, taskQueue: platform.taskQueue, args: [input] });

    // Tasks with the deadline for the three enti due, none for the one that transmitted.
    const tasks = await eventually(async () => {
      const open = await platform.db.task.findMany({ where: { procedura: 'invio-flussi', enteId: { in: [declares, due, alreadyOpen, alreadyDone] }, taskKey: 'trasmissione', workflowId: { endsWith: DATA } } });
      return open.length === 3 && open.every((task) => task.dueAt?.toISOString() === scadenza) ? open : undefined;
    });
    expect(tasks.map((task) => task.enteId).sort()).toEqual([declares, due, alreadyOpen].sort());
    await eventually(async () => ((await pecRounds(ricognizione.id, due)).includes('avvio') ? true : undefined));
    expect(await pecRounds(ricognizione.id, alreadyDone)).toEqual([]);

    // The first ente declares a consistenza nulla before the first reminder, which then skips it.
    const actor = await loadActor(platform.db, referente.id);
    const declaresTask = tasks.find((task) => task.enteId === declares)!;
    await platform.client.workflow.getHandle(declaresTask.workflowId).executeUpdate(completeTaskUpdate, { args: [{ taskId: declaresTask.id, actor, decision: { azione: 'CONSISTENZA_NULLA' } }] });
    await eventually(() => platform.db.stockSnapshot.findUnique({ where: { enteId_dataRiferimento: { enteId: declares, dataRiferimento: new Date(`${DATA}T00:00:00Z`) } } }));
    const firstRound = `-4@${scadenza}`;
    await eventually(async () => ((await pecRounds(ricognizione.id, due)).includes(firstRound) ? true : undefined), 15_000);
    expect(await pecRounds(ricognizione.id, alreadyOpen)).toEqual(['avvio', firstRound]);
    expect(await pecRounds(ricognizione.id, declares)).toEqual(['avvio']);

    // An extension: refused when not later, or from an ente; accepted from the Region, it moves the tasks.
    const istruttore = await platform.actor('regione.istruttore');
    const earlier = await handle.executeUpdate(prorogaScadenzaUpdate, { args: [{ scadenza: new Date(Date.parse(scadenza) - DAY_MS).toISOString(), actor: istruttore }] }).then(() => null, (error: unknown) => error);
    expect(earlier).toMatchObject({ cause: { type: 'DATI_NON_VALIDI', details: [{ field: 'scadenza' }] } });
    const fromEnte = await handle.executeUpdate(prorogaScadenzaUpdate, { args: [{ scadenza: new Date(Date.parse(scadenza) + DAY_MS).toISOString(), actor }] }).then(() => null, (error: unknown) => error);
    expect(fromEnte).toMatchObject({ cause: { type: 'NON_AUTORIZZATO' } });
    const extended = new Date(Date.parse(scadenza) + 4 * DAY_MS).toISOString();
    await handle.executeUpdate(prorogaScadenzaUpdate, { args: [{ scadenza: extended, actor: istruttore }] });
    for (const enteId of [due, alreadyOpen]) {
      const task = await eventually(async () => {
        const row = await platform.db.task.findFirst({ where: { enteId, workflowId: invioFlussiWorkflowId(enteId, DATA), stato: 'APERTA' } });
        return row?.dueAt?.toISOString() === extended ? row : undefined;
      });
      expect(await platform.db.taskEvent.count({ where: { taskId: task.id, tipo: 'SCADENZA_MODIFICATA' } })).toBeGreaterThan(0);
    }
    expect((await platform.db.ricognizione.findUniqueOrThrow({ where: { id: ricognizione.id } })).scadenza.toISOString()).toBe(extended);

    // The worker stops while the campaign waits for its next reminder, and comes back: nothing is lost or sent twice.
    await worker.stop();
    await new Promise((resolve) => setTimeout(resolve, 2 * DAY_MS));
    worker = await platform.startWorker();

    // The reminder after the deadline is counted from the new one; the old one's never goes out.
    const lastRound = `3@${extended}`;
    await eventually(async () => ((await pecRounds(ricognizione.id, due)).includes(lastRound) ? true : undefined), 25_000);
    expect(await pecRounds(ricognizione.id, due)).not.toContain(`3@${scadenza}`);
    expect(await pecRounds(ricognizione.id, declares)).toEqual(['avvio']);
    const dueRounds = await pecRounds(ricognizione.id, due);
    expect(new Set(dueRounds).size).toBe(dueRounds.length);
    expect(await platform.db.pecMessage.count({ where: { workflowId, enteId: due } })).toBe(dueRounds.length);
    const reminder = await platform.db.pecMessage.findFirstOrThrow({ where: { idempotencyKey: `${workflowId}/${lastRound}/${due}` } });
    expect(reminder.oggetto).toContain('sollecito');
    expect(reminder.testo).toContain('non risulta ancora la vostra trasmissione');

    await handle.executeUpdate(chiudiRicognizioneUpdate, { args: [{ actor: istruttore }] });
    expect(await handle.result()).toEqual({ stato: 'CHIUSA' });
    expect(await platform.db.ricognizione.findUniqueOrThrow({ where: { id: ricognizione.id } })).toMatchObject({ stato: 'CHIUSA' });
    // Open transmissions outlive the campaign: late enti may still transmit.
    expect(await platform.db.task.count({ where: { enteId: due, workflowId: invioFlussiWorkflowId(due, DATA), stato: 'APERTA' } })).toBe(1);
  }, 90_000);
});
