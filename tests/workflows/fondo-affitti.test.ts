// The call of the rent-support fund on a real Temporal server, days compressed to a second: the draft sent to
// signature, sent back, signed; every active Comune gets its application, the act by PEC and a task; an
// extension moves the tasks; a Comune applies (receipt first: recorded, then signalled, as the API does);
// another's submission is left undelivered by a "crash" and the reconciler delivers it, then it lapses on an
// integration; a fourth's, recorded in time but never signalled, is taken when the deadline closes it; a third
// never applies, and is refused after the deadline; the worker restarts mid-call; past the deadline the
// riparto is proposed and signed, and the admitted Comune hears its share; its share below its need, it
// publishes the revised ranking; the Region liquidates it (wrong Comune, future date and a second time
// refused); past the report's due date the Comune is reminded; it reports (over its funds refused), is
// asked to correct it, corrects it, is approved, and the call ends.
import { randomUUID } from 'node:crypto';
import { COMUNE_BARI, COMUNE_FOGGIA, COMUNE_LECCE } from '../../prisma/seed/enti';
import { FASCE_DEFAULTS } from '../../workflows/shared/fondo-affitti/bando';
import {
  bandoFondoWorkflowId,
  domandaFondoWorkflowId,
  inviaAllaFirmaUpdate,
  PARAMETRI_PREDEFINITI,
  prorogaBandoUpdate,
  registraLiquidazioneUpdate,
  statoBandoQuery,
  type BandoFondoInput,
} from '../../workflows/shared/fondo-affitti/procedura';
import { completeTaskUpdate, type SubmittedTask } from '../../workflows/shared/tasks';
import { deliver, recordSubmission, resendSubmissions } from '../../api/tasks/submissions';
import type { Actor } from '../../workflows/shared/actor';
import { lendPecAddresses } from '../support/pec-addresses';
import { pdfText } from '../support/pdf-text';
import { eventually, startTestPlatform, type RunningWorker, type TestPlatform } from '../support/platform';

const DAY_MS = 1000;

describe('bando Fondo affitti workflow', () => {
  let platform: TestPlatform;
  let worker: RunningWorker;

  let givePecBack: () => Promise<void> = async () => undefined;
  let deactivate: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    platform = await startTestPlatform();
    worker = await platform.startWorker();
  });
  afterAll(async () => {
    await givePecBack();
    await deactivate();
    await platform.close();
  });

  const openTask = (workflowId: string, taskKey: string) =>
    eventually(() => platform.db.task.findFirst({ where: { workflowId, taskKey, stato: 'APERTA' } }), 30_000);

  const complete = async (workflowId: string, taskKey: string, actor: Actor, decision: Record<string, unknown>) => {
    const task = await openTask(workflowId, taskKey);
    return platform.client.workflow.getHandle(workflowId).executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, actor, decision }] });
  };

  const engine = () => ({ db: platform.db, temporal: platform.client });

  /** A receipt-first submission as the API makes it, checks aside: its row, then (unless `signal` is false) its Signal. */
  const submit = async (workflowId: string, actor: Actor, decision: Record<string, unknown>, signal = true) => {
    const task = await openTask(workflowId, 'domanda');
    const submission: SubmittedTask = { taskId: task.id, submissionId: randomUUID(), actor, decision, receivedAt: new Date().toISOString() };
    await recordSubmission(platform.db, task, submission);
    if (!signal) return submission;
    await deliver(engine(), workflowId, submission);
    // The workflow takes it and writes its completion to the inbox.
    await eventually(async () => ((await platform.db.task.findUniqueOrThrow({ where: { id: task.id } })).stato === 'COMPLETATA' ? true : undefined));
    return submission;
  };

  /** The dirigente confirms the act they read: its Impronta, from the task's data. */
  const sign = async (workflowId: string, taskKey: string, actor: Actor) => {
    const task = await openTask(workflowId, taskKey);
    const { atto } = task.data as { atto: { sha256: string } };
    await platform.client.workflow.getHandle(workflowId).executeUpdate(completeTaskUpdate, { args: [{ taskId: task.id, actor, decision: { esito: 'FIRMA', impronta: atto.sha256 } }] });
  };

  const attachment = (enteId: string, name: string) => platform.adapters.adapters.documents.store({
    idempotencyKey: `test-fondo/${randomUUID()}`, content: Buffer.from(`%PDF-1.4 ${name}`), filename: `${name}.pdf`, mimeType: 'application/pdf', titolo: name, tipo: 'ALLEGATO_DOMANDA_FONDO', enteId,
  });

  it('when a call runs from draft to riparto, then each Comune applies by the extended deadline, is decided, and the admitted one hears its share', async () => {
    const { regioneId, demoComuneIds } = platform.ref;
    const [bari, lecce, foggia] = [demoComuneIds[COMUNE_BARI], demoComuneIds[COMUNE_LECCE], demoComuneIds[COMUNE_FOGGIA]];
    // A fourth Comune, accredited for this test only.
    const quarto = (await platform.db.ente.findFirstOrThrow({ where: { tipo: 'COMUNE', stato: 'NON_ACCREDITATO' }, orderBy: { codice: 'asc' } })).id;
    await platform.db.ente.update({ where: { id: quarto }, data: { stato: 'ATTIVO' } });
    deactivate = async () => void (await platform.db.ente.update({ where: { id: quarto }, data: { stato: 'NON_ACCREDITATO' } }));
    givePecBack = await lendPecAddresses(platform.db, Object.fromEntries([bari, lecce, foggia, quarto].map((enteId, index) => [enteId, `fondo${index}@pec.comune.example`])));
    const [istruttore, dirigente, bariActor, lecceActor] = await Promise.all([
      platform.actor('regione.istruttore'), platform.actor('regione.dirigente'), platform.actor('bari.rappresentante'), platform.actor('lecce.rappresentante'),
    ]);

    // A year of this run's own: one call per kind and year.
    const anno = 2200 + Math.floor(Math.random() * 700);
    const bandoId = randomUUID();
    const workflowId = bandoFondoWorkflowId(bandoId);
    // Long enough for every step before it (7 s on a 2-core machine, 30 s with the extension); the test then
    // waits for it.
    const scadenza = new Date(Date.now() + 25 * DAY_MS).toISOString();
    await platform.db.bandoFondo.create({
      data: {
        id: bandoId, workflowId, tipo: 'FONDO_AFFITTI', anno, titolo: `Fondo sostegno locazioni ${anno}`,
        // Four "days" to report: long enough for the steps before, short enough to see the reminder.
        apertura: new Date(Date.now() - DAY_MS), scadenza: new Date(scadenza), parametri: { ...PARAMETRI_PREDEFINITI(FASCE_DEFAULTS), giorniRendicontazione: 4 } as object,
        sollecitiGiorni: [-20], createdById: istruttore.userId,
        fonti: { create: [{ riferimento: `DM ${anno}/1`, importo: '40000.00', quota: 'ORDINARIA' }, { riferimento: `DGR ${anno}/7`, importo: '10000.00', quota: 'PREMIALE' }] },
      },
    });
    const input: BandoFondoInput = { bandoId, regioneEnteId: regioneId, durataGiornoMs: DAY_MS };
    const handle = await platform.client.workflow.start('bandoFondoAffitti', { workflowId, taskQueue: platform.taskQueue, args: [input] });

    // Sent to signature; the dirigente sends it back; sent again, and signed.
    const fromComune = await handle.executeUpdate(inviaAllaFirmaUpdate, { args: [{ actor: bariActor }] }).then(() => null, (error: unknown) => error);
    expect(fromComune).toMatchObject({ cause: { type: 'NON_AUTORIZZATO' } });
    await handle.executeUpdate(inviaAllaFirmaUpdate, { args: [{ actor: istruttore }] });
    await complete(workflowId, 'firma-bando-1', dirigente, { esito: 'RINVIA', nota: 'Correggere la dotazione.' });
    await eventually(async () => ((await platform.db.bandoFondo.findUnique({ where: { id: bandoId } }))?.notaRinvio === 'Correggere la dotazione.' ? true : undefined));
    // The procedure's own word decides when the draft may go again (the row is written a moment before).
    await eventually(async () => ((await handle.query(statoBandoQuery)).stato === 'BOZZA' ? true : undefined));
    await handle.executeUpdate(inviaAllaFirmaUpdate, { args: [{ actor: istruttore }] });
    const unread = await complete(workflowId, 'firma-bando-2', dirigente, { esito: 'FIRMA' }).then(() => null, (error: unknown) => error);
    expect(unread).toMatchObject({ cause: { details: [{ field: 'impronta' }] } });
    await sign(workflowId, 'firma-bando-2', dirigente);
    const aperto = await eventually(async () => {
      const row = await platform.db.bandoFondo.findUniqueOrThrow({ where: { id: bandoId } });
      return row.stato === 'APERTO' && row.protocolloId ? row : undefined;
    });
    expect(aperto.attoDocumentId).toBeTruthy();

    // Each active Comune: a task due at the deadline and the opening PEC with the act.
    const domanda = (enteId: string) => domandaFondoWorkflowId(bandoId, enteId);
    for (const enteId of [bari, lecce, foggia, quarto]) {
      const task = await openTask(domanda(enteId), 'domanda');
      expect(task.dueAt?.toISOString()).toBe(scadenza);
      const pec = await eventually(() => platform.db.pecMessage.findFirst({ where: { idempotencyKey: `${workflowId}/avvio/${enteId}` } }));
      expect(pec.oggetto).toContain('apertura delle domande');
    }

    // An extension moves every Comune's task; one not later than the deadline is refused.
    const earlier = await handle.executeUpdate(prorogaBandoUpdate, { args: [{ scadenza, actor: istruttore }] }).then(() => null, (error: unknown) => error);
    expect(earlier).toMatchObject({ cause: { type: 'DATI_NON_VALIDI', details: [{ field: 'scadenza' }] } });
    const extended = new Date(Date.parse(scadenza) + 5 * DAY_MS).toISOString();
    await handle.executeUpdate(prorogaBandoUpdate, { args: [{ scadenza: extended, actor: istruttore }] });
    await eventually(async () => ((await openTask(domanda(foggia), 'domanda')).dueAt?.toISOString() === extended ? true : undefined));
    expect((await platform.db.bandoFondo.findUniqueOrThrow({ where: { id: bandoId } })).scadenza.toISOString()).toBe(extended);

    // Bari applies. Lecce's submission is recorded but its request dies before the Signal: the reconciler
    // delivers it, and a second delivery changes nothing. (The API refuses what the form or the call's rules
    // refuse before recording anything: tests/api/fondo-affitti.test.ts.)
    const figures = async (enteId: string, fabbisognoA: string) => ({
      fasce: { A: { ricevute: 30, ammissibili: 20, esclusi: 10, fabbisogno: fabbisognoA }, B: { ricevute: 10, ammissibili: 5, esclusi: 5, fabbisogno: '8000.00' } },
      cofinanziamento: '9000.00',
      attoCofinanziamento: 'DGC n. 12 del 10/01',
      bandoComunaleDocumentId: (await attachment(enteId, 'bando-comunale')).id,
      graduatoriaDocumentId: (await attachment(enteId, 'graduatoria')).id,
    });
    // A receipt-first form has one way in: its Update is refused.
    const byUpdate = await complete(domanda(bari), 'domanda', bariActor, await figures(bari, '50000.00')).then(() => null, (error: unknown) => error);
    expect(byUpdate).toMatchObject({ cause: { type: 'DATI_NON_VALIDI' } });
    await submit(domanda(bari), bariActor, await figures(bari, '50000.00'));
    const lecceSubmission = await submit(domanda(lecce), lecceActor, await figures(lecce, '40000.00'), false);
    expect(await resendSubmissions(engine(), new Date(Date.now() + 60_000))).toBe(1);
    await eventually(async () => ((await platform.db.domandaFondo.findUniqueOrThrow({ where: { bandoId_enteId: { bandoId, enteId: lecce } } })).protocolloId ? true : undefined));
    await deliver(engine(), domanda(lecce), lecceSubmission);
    // The fourth Comune's submission is recorded in the window, its Signal lost, nobody resends it.
    await submit(domanda(quarto), { ...lecceActor, roles: [{ enteId: quarto, ruolo: 'REFERENTE', area: 'FONDO_AFFITTI' }] }, await figures(quarto, '30000.00'), false);
    const bariRow = await eventually(async () => {
      const row = await platform.db.domandaFondo.findUniqueOrThrow({ where: { bandoId_enteId: { bandoId, enteId: bari } } });
      return row.protocolloId && row.ricevutaDocumentId ? row : undefined;
    });
    expect(bariRow.fabbisognoA?.toString()).toBe('50000');
    await eventually(() => platform.db.pecMessage.findFirst({ where: { workflowId: domanda(bari), oggetto: { contains: 'ricevuta della domanda' } } }));

    // The worker stops while the call waits for its deadline, and comes back.
    await worker.stop();
    await new Promise((resolve) => setTimeout(resolve, 2 * DAY_MS));
    worker = await platform.startWorker();

    // The istruttoria: Bari admitted; Lecce asked for an integration it lets lapse.
    await complete(domanda(bari), 'istruttoria-1', istruttore, { esito: 'APPROVA' });
    await complete(domanda(lecce), 'istruttoria-1', istruttore, { esito: 'INTEGRAZIONE', richiesta: 'Allegare la delibera.', giorniIntegrazione: 2 });
    await eventually(async () => ((await platform.db.domandaFondo.findUniqueOrThrow({ where: { bandoId_enteId: { bandoId, enteId: lecce } } })).stato === 'DECADUTA' ? true : undefined), 30_000);

    // Foggia never applied: past the deadline its task is gone, its application not submitted, and a
    // submission now is refused, naming the deadline.
    await eventually(async () => ((await platform.db.domandaFondo.findUniqueOrThrow({ where: { bandoId_enteId: { bandoId, enteId: foggia } } })).stato === 'NON_PRESENTATA' ? true : undefined), 60_000);
    expect(await platform.db.task.count({ where: { workflowId: domanda(foggia), stato: 'APERTA' } })).toBe(0);
    const foggiaTask = await platform.db.task.findFirstOrThrow({ where: { workflowId: domanda(foggia), taskKey: 'domanda' } });
    const late = await recordSubmission(platform.db, foggiaTask, { taskId: foggiaTask.id, submissionId: randomUUID(), actor: bariActor, decision: {}, receivedAt: new Date().toISOString() }).then(() => null, (error: unknown) => error);
    expect(late).toMatchObject({ status: 409, message: expect.stringContaining('Il termine di questa attività è scaduto il') });
    // The fourth Comune's submission, received before the deadline, was taken when the deadline closed its task.
    const taken = await eventually(async () => {
      const row = await platform.db.domandaFondo.findUniqueOrThrow({ where: { bandoId_enteId: { bandoId, enteId: quarto } } });
      return row.protocolloId ? row : undefined;
    });
    expect(taken.fabbisognoA?.toString()).toBe('30000');
    await complete(domanda(quarto), 'istruttoria-1', istruttore, { esito: 'RESPINGI', motivazione: 'Graduatoria non approvata.' });

    // The riparto: proposed, signed; Bari gets all of the fund, below its need.
    await complete(workflowId, 'proposta-riparto-1', istruttore, { esito: 'PROPONI' });
    await sign(workflowId, 'firma-riparto-1', dirigente);
    await eventually(async () => ((await handle.query(statoBandoQuery)).stato === 'RIPARTITO' ? true : undefined));
    const shared = await platform.db.domandaFondo.findUniqueOrThrow({ where: { bandoId_enteId: { bandoId, enteId: bari } } });
    expect(shared.quotaTotale?.toString()).toBe('50000');
    const quota = await eventually(() => platform.db.pecMessage.findFirst({ where: { workflowId: domanda(bari), oggetto: { contains: 'quota assegnata' } } }));
    expect(quota.testo).toContain('50.000,00');
    expect(quota.testo).toContain('(copertura: 86,21\u00a0%)');
    // The signed act's annex: Bari's row and the totals, each amount as one reads it.
    const { ripartoDocumentId } = await platform.db.bandoFondo.findUniqueOrThrow({ where: { id: bandoId } });
    const act = (await pdfText((await platform.adapters.adapters.documents.read(ripartoDocumentId!)).content)).replace(/\s+/g, ' ');
    expect(act).toContain('Allegato – Tabella di riparto');
    expect(act).toMatch(/Comune di Bari 58\.000,00 € .* 50\.000,00 € 86,21 %/);
    expect(act).toContain('Totale 58.000,00 € 50.000,00 €');
    expect(await platform.client.workflow.getHandle(domanda(lecce)).result()).toEqual({ esito: 'DECADUTA' });

    // Bari's share is below its need: it publishes the revised ranking, told the cut.
    const graduatoria = await openTask(domanda(bari), 'graduatoria-rideterminata');
    expect(graduatoria.data).toMatchObject({ copertura: '86,21\u00a0%', riduzione: '\u221213,79\u00a0%' });
    await complete(domanda(bari), 'graduatoria-rideterminata', bariActor, { graduatoriaDocumentId: (await attachment(bari, 'graduatoria-rideterminata')).id });

    // The liquidation: Lecce has no share, a date in the future, Bari paid twice: each refused, naming the field.
    const liquida = (enteIds: string[], dataAtto: string) => handle.executeUpdate(registraLiquidazioneUpdate, { args: [{ enteIds, numeroAtto: `${anno}/55`, dataAtto, actor: istruttore }] });
    const refused = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);
    expect(await refused(liquida([lecce], '2026-01-15'))).toMatchObject({ cause: { details: [{ field: 'enteIds' }] } });
    expect(await refused(liquida([bari], '2999-01-15'))).toMatchObject({ cause: { details: [{ field: 'dataAtto' }] } });
    expect(await refused(handle.executeUpdate(registraLiquidazioneUpdate, { args: [{ enteIds: [bari], numeroAtto: '1', dataAtto: '2026-01-15', actor: bariActor }] }))).toMatchObject({ cause: { type: 'NON_AUTORIZZATO' } });
    const { liquidazioneId } = await liquida([bari], '2026-01-15');
    expect(await refused(liquida([bari], '2026-01-16'))).toMatchObject({ cause: { details: [{ field: 'enteIds' }] } });
    expect(await platform.db.liquidazioneFondo.findUniqueOrThrow({ where: { id: liquidazioneId } })).toMatchObject({ numeroAtto: `${anno}/55` });
    expect((await platform.db.liquidazioneFondo.findUniqueOrThrow({ where: { id: liquidazioneId } })).totale.toString()).toBe('50000');

    // The rendicontazione, due 60 "days" after: more than the share and co-funding is refused; then sent.
    const rendiconto = await openTask(domanda(bari), 'rendicontazione');
    const liquidata = await platform.db.domandaFondo.findUniqueOrThrow({ where: { bandoId_enteId: { bandoId, enteId: bari } } });
    expect(liquidata).toMatchObject({ stato: 'LIQUIDATA', liquidazioneId });
    expect(rendiconto.dueAt?.toISOString()).toBe(liquidata.rendicontazioneScadenza?.toISOString());
    const report = async (pagatoA: string) => ({
      pagatoA, beneficiariA: 20, pagatoB: '8000.00', beneficiariB: 5, residuo: '2000.00', relazioneDocumentId: (await attachment(bari, 'relazione')).id,
    });
    // Past its due date with nothing sent, Bari is reminded by PEC; the task stays open.
    const sollecito = await eventually(() => platform.db.pecMessage.findFirst({ where: { workflowId: domanda(bari), oggetto: { contains: 'sollecito della rendicontazione' } } }), 30_000);
    expect(sollecito.testo).toContain('non risulta ancora presentata');
    const tooMuch = await refused(complete(domanda(bari), 'rendicontazione', bariActor, await report('60000.00')));
    expect(tooMuch).toMatchObject({ cause: { details: [{ field: 'pagatoA' }] } });
    await complete(domanda(bari), 'rendicontazione', bariActor, await report('40000.00'));
    // The Region asks to correct it; Bari corrects it on the same form; approved.
    const verifica = await openTask(domanda(bari), 'rendicontazione-istruttoria-1');
    expect(verifica.data).toMatchObject({ pagatoA: '40000.00', beneficiariA: 20, residuo: '2000.00', relazione: { nome: 'relazione.pdf' } });
    await complete(domanda(bari), 'rendicontazione-istruttoria-1', istruttore, { esito: 'INTEGRAZIONE', richiesta: 'Allegare i mandati di pagamento.', giorniIntegrazione: 20 });
    const correzione = await openTask(domanda(bari), 'rendicontazione-integrazione-1');
    expect(correzione.data).toMatchObject({ richiesta: 'Allegare i mandati di pagamento.' });
    await complete(domanda(bari), 'rendicontazione-integrazione-1', bariActor, { ...(await report('41000.00')), residuo: '1000.00' });
    const seconda = await openTask(domanda(bari), 'rendicontazione-istruttoria-2');
    expect(seconda.data).toMatchObject({ pagatoA: '41000.00', residuo: '1000.00' });
    await complete(domanda(bari), 'rendicontazione-istruttoria-2', istruttore, { esito: 'APPROVA' });

    expect(await platform.client.workflow.getHandle(domanda(bari)).result()).toEqual({ esito: 'AMMESSA' });
    expect(await handle.result()).toEqual({ stato: 'CONCLUSO' });
    const rendicontata = await platform.db.domandaFondo.findUniqueOrThrow({ where: { bandoId_enteId: { bandoId, enteId: bari } } });
    expect(rendicontata).toMatchObject({ stato: 'RENDICONTATA', beneficiariPagatiA: 20, beneficiariPagatiB: 5 });
    expect([rendicontata.pagatoA?.toString(), rendicontata.residuo?.toString()]).toEqual(['41000', '1000']);
    expect(rendicontata.graduatoriaRideterminataDocumentId).toBeTruthy();
    expect((await platform.db.bandoFondo.findUniqueOrThrow({ where: { id: bandoId } })).stato).toBe('CONCLUSO');
    const liquidazionePec = await platform.db.pecMessage.findFirstOrThrow({ where: { workflowId: domanda(bari), oggetto: { contains: 'liquidazione della quota' } } });
    expect(liquidazionePec.testo).toContain(`atto n. ${anno}/55 del 15/01/2026`);
  }, 240_000);
});
