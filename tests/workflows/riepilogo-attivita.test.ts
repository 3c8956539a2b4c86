// The morning digest of tasks, end to end: the workflow on the real Temporal server sends, through real
// SMTP, to the platform's embedded mail catcher. Each person receives what their «Da fare» holds — new
// since the last digest, and overdue — once a day whatever is retried; who turned it off, or has no role
// any more, receives nothing.
import { randomUUID } from 'node:crypto';
import { ensureDigestSchedule, DIGEST_SCHEDULE_ID } from '../../temporal-config/digest-schedule';
import { codiceFiscaleCheckChar } from '../../workflows/shared/codice-fiscale';
import type { RiepilogoAttivitaInput, RiepilogoAttivitaResult } from '../../workflows/shared/procedures/riepilogo-attivita';
import { startTestPlatform, type RunningWorker, type TestPlatform } from '../support/platform';

/** Days of this file's own: no other test file runs a digest. */
const GIORNO = '2061-03-15';
const DAY_MS = 86_400_000;

describe('the morning digest of tasks', () => {
  let platform: TestPlatform;
  let worker: RunningWorker;
  let enteId: string;

  beforeAll(async () => {
    platform = await startTestPlatform();
    worker = await platform.startWorker();
    // An ente of this file's own: the run shares one database, and other files give tasks to real Comuni.
    enteId = (await platform.db.ente.create({ data: { codice: `TEST-RIEPILOGO-${randomUUID()}`, tipo: 'ALTRO', denominazione: 'Cooperativa Casa Altamura', stato: 'ATTIVO' } })).id;
  });
  afterAll(async () => {
    await worker.stop();
    await platform.close();
  });

  /** A referente of the cooperative with an e-mail address. */
  async function person(first15: string, nome: string, settings: { riepilogoEmail?: boolean; revoked?: boolean } = {}) {
    const user = await platform.db.user.create({
      data: { codiceFiscale: `${first15}${codiceFiscaleCheckChar(first15)}`, nome, cognome: 'Riepilogo', email: `${nome.toLowerCase()}@comune-altamura.example`, riepilogoEmail: settings.riepilogoEmail ?? true },
    });
    await platform.db.roleAssignment.create({ data: { userId: user.id, enteId, ruolo: 'REFERENTE', area: 'PATRIMONIO', revokedAt: settings.revoked ? new Date() : null } });
    return user;
  }

  async function task(titolo: string, createdAt: Date, dueAt: Date) {
    return platform.db.task.create({
      data: {
        id: randomUUID(), workflowId: `test-riepilogo-${randomUUID()}`, taskKey: 'passo', procedura: 'invio-flussi', titolo, enteId, candidateEnteId: enteId,
        candidateRole: 'REFERENTE', candidateArea: 'PATRIMONIO', formKey: 'trasmissione-flusso', data: {}, createdAt, dueAt,
      },
    });
  }

  const run = (input: Omit<RiepilogoAttivitaInput, 'regioneEnteId'>) =>
    platform.client.workflow.execute<(input: RiepilogoAttivitaInput) => Promise<RiepilogoAttivitaResult>>('riepilogoAttivita', {
      taskQueue: platform.taskQueue,
      workflowId: `riepilogo-attivita-test-${randomUUID()}`,
      args: [{ regioneEnteId: platform.ref.regioneId, ...input }],
    });
  const caught = async (address: string) => (await platform.adapters.mailCatcher!.messages()).filter((mail) => mail.to.includes(address));

  it('when the morning comes, then each person receives once the tasks new and overdue in their inbox, and nobody who turned it off', async () => {
    const anna = await person('NNAPRP80A41A225', 'Anna');
    const spento = await person('SPNPRP80A01A225', 'Spento', { riepilogoEmail: false });
    const revocato = await person('RVCPRP80A01A225', 'Revocato', { revoked: true });
    const now = Date.now();
    const nuova = await task('Verifica della trasmissione del patrimonio <2061>', new Date(now - 3_600_000), new Date(now + 10 * DAY_MS));
    const scaduta = await task('Verifica rimasta indietro', new Date(now - 5 * DAY_MS), new Date(now - 2 * DAY_MS));

    const result = await run({ giorno: GIORNO });
    expect(result.giorno).toBe(GIORNO);
    expect(result.inviati).toBeGreaterThanOrEqual(1);

    const [mail, ...others] = await caught(anna.email!);
    expect(others).toEqual([]);
    expect(mail!.subject).toBe('PUSH – Le tue attività: 1 nuova, 1 scaduta');
    expect(mail!.html).toContain('Buongiorno Anna, ecco le tue attività del 15/03/2061');
    // Escaped like any page, with links to the tasks and to the settings.
    expect(mail!.html).toContain('Verifica della trasmissione del patrimonio &lt;2061&gt;');
    expect(mail!.html).toContain(`/attivita/${nuova.id}"`);
    expect(mail!.html).toContain(`/attivita/${scaduta.id}"`);
    expect(mail!.html).toContain('/notifiche"');
    expect(mail!.text).toContain(`scaduta il ${new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric' }).format(scaduta.dueAt!)}`);
    expect(await caught(spento.email!)).toEqual([]);
    expect(await caught(revocato.email!)).toEqual([]);

    // The same day again (the schedule's catch-up, an administrator's retry): nobody gets a second one.
    await run({ giorno: GIORNO });
    expect(await caught(anna.email!)).toHaveLength(1);
    expect(await platform.db.taskDigest.count({ where: { userId: anna.id } })).toBe(1);

    // A crash after the mail left but before it was marked sent: the retry sends the same message, with
    // the same Message-ID, and the mail server keeps one.
    await platform.db.taskDigest.updateMany({ where: { userId: anna.id }, data: { inviatoAt: null } });
    await run({ giorno: GIORNO });
    expect(await caught(anna.email!)).toHaveLength(1);
    expect(await platform.db.taskDigest.findFirstOrThrow({ where: { userId: anna.id } })).toMatchObject({ nuove: 1, scadute: 1, inviatoAt: expect.any(Date) });

    // The next day: only what is new since, and what is still overdue.
    await platform.db.task.update({ where: { id: scaduta.id }, data: { stato: 'COMPLETATA', completedAt: new Date() } });
    const after = await caught(anna.email!);
    await run({ giorno: '2061-03-16' });
    const next = (await caught(anna.email!)).filter((message) => !after.some((seen) => seen.id === message.id));
    expect(next).toEqual([]);
    await task('Un’altra verifica', new Date(), new Date(Date.now() + DAY_MS));
    await run({ giorno: '2061-03-17' });
    const [latest] = await caught(anna.email!);
    expect(latest!.subject).toBe('PUSH – Le tue attività: 1 nuova');
    expect(latest!.html).toContain('Un’altra verifica');
    expect(latest!.html).not.toContain('Verifica rimasta indietro');
  });

  it('when the platform starts, then the schedule runs the digest every morning at the configured hour, Italian time', async () => {
    try {
      await ensureDigestSchedule(platform.client, { taskQueue: platform.taskQueue, regioneEnteId: platform.ref.regioneId, hour: 7 });
      // A second start with another hour changes the schedule, it does not add one.
      await ensureDigestSchedule(platform.client, { taskQueue: platform.taskQueue, regioneEnteId: platform.ref.regioneId, hour: 8 });
      const described = await platform.client.schedule.getHandle(DIGEST_SCHEDULE_ID).describe();
      expect(described.spec.timezone).toBe('Europe/Rome');
      expect(described.spec.calendars).toEqual([expect.objectContaining({ hour: [{ start: 8, end: 8, step: 1 }], minute: [{ start: 0, end: 0, step: 1 }] })]);
      expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'riepilogoAttivita', args: [{ regioneEnteId: platform.ref.regioneId }] });
      // The next run is tomorrow's or today's 08:00 in Rome.
      const next = described.info.nextActionTimes[0]!;
      expect(new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(next)).toBe('08:00');
    } finally {
      await platform.client.schedule.getHandle(DIGEST_SCHEDULE_ID).delete().catch(() => undefined);
    }
  });
});
