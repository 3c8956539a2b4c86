/// <reference lib="dom" />
// The rent-support call in the browser. The Region's istruttore drafts a call on its form (a field refused,
// then saved) and sends it to signature from its page. A second call, opened with a window of a minute so the
// test need not wait a day, runs the rest: Bari fills its application in its task (draft saved, documents
// uploaded, need over the cap refused at the field, submitted), Lecce applies too; past the window Foggia's
// application is refused naming the deadline, the other two are admitted, the istruttore reviews the
// riparto on the call's page and proposes it from the inbox, the dirigente signs, and Bari sees its share on
// its application's page; its share below its need, Bari publishes the revised ranking; the istruttore
// records the liquidation of Bari and Lecce from the call's Comuni tab; Bari reports what it paid and the
// istruttore approves the report. Screenshots at 1440×900 and at a phone's width of every page
// (tests/e2e/screenshots, not committed).
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'puppeteer-core';
import { COMUNE_BARI, COMUNE_FOGGIA, COMUNE_LECCE } from '../../prisma/seed/enti';
import type { TestServer } from '../support/api-server';
import { animationsSettled, clickUntil, dialogBackgrounds, openTaskRow, startBrowserTest, type TestBrowser } from '../support/browser';
import { demoCf } from '../support/demo';
import { lendPecAddresses } from '../support/pec-addresses';
import { eventually } from '../support/platform';
import { signIn, type ApiSession } from '../support/sign-in';
import { FASCE_DEFAULTS } from '../../workflows/shared/fondo-affitti/bando';
import { bandoFondoWorkflowId, PARAMETRI_PREDEFINITI, type BandoFondoInput } from '../../workflows/shared/fondo-affitti/procedura';

const byTestId = (id: string) => `[data-testid="${id}"]`;
const SCREENSHOTS = path.join(__dirname, 'screenshots');
/** The steps before the deadline take 15 s on a 2-core machine; the test then waits for it. */
const WINDOW_MS = 40_000;

describe('Fondo affitti in the browser', () => {
  let server: TestServer;
  let chromium: TestBrowser;
  let close: () => Promise<void>;

  let givePecBack: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    ({ server, chromium, close } = await startBrowserTest());
    await mkdir(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await givePecBack();
    await close?.();
  });


  async function signedIn(who: string, url: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await chromium.browser.createBrowserContext();
    const page = await context.newPage();
    page.setDefaultTimeout(45_000);
    await page.setViewport({ width: 1440, height: 900 });
    await page.goto(`${server.baseUrl}${url}`);
    await page.waitForSelector(`button[value="${who}"]`);
    await Promise.all([page.waitForNavigation(), page.click(`button[value="${who}"]`)]);
    return { context, page };
  }

  /** The page at 1440×900 and at a phone's width, in a tab of its own, once `ready` shows. */
  async function screenshots(context: BrowserContext, url: string, ready: string, name: string): Promise<void> {
    const tab = await context.newPage();
    for (const [suffix, viewport] of [['1440', { width: 1440, height: 900 }], ['telefono', { width: 390, height: 844, isMobile: true }]] as const) {
      await tab.setViewport(viewport);
      await tab.goto(`${server.baseUrl}${url}`);
      await tab.waitForSelector(ready, { visible: true });
      await tab.screenshot({ path: path.join(SCREENSHOTS, `${name}-${suffix}.png`) as `${string}.png`, fullPage: true });
    }
    await tab.close();
  }

  async function type(page: Page, id: string, value: string) {
    const input = `${byTestId(id)} input`;
    await page.click(input, { clickCount: 3 });
    await page.keyboard.press('Backspace');
    await page.type(input, value);
  }

  it('when the istruttore drafts a call on its form, then a wrong field is named, the draft is saved and sent to signature', async () => {
    const { context, page } = await signedIn(demoCf('regione.istruttore'), '/fondo-affitti');
    await page.waitForSelector(byTestId('bando-nuovo'));
    await screenshots(context, '/fondo-affitti', byTestId('bando-nuovo'), 'fondo-bandi');
    await page.click(byTestId('bando-nuovo'));
    await page.waitForSelector(byTestId('bando-form'));
    await type(page, 'bando-titolo', 'Fondo sostegno locazioni 2079');
    await type(page, 'bando-anno', '2079');
    await type(page, 'bando-apertura', '01/03/2079');
    await type(page, 'bando-scadenza', '28/02/2079');
    await type(page, 'bando-fonte-riferimento', 'DM 13 luglio 2079');
    await type(page, 'bando-fonte-importo', '1.250.000,50');
    await page.click(byTestId('bando-salva'));
    // The deadline before the opening: named at its field before or by the API.
    await page.waitForFunction((selector) => /precedere|successiva|dopo/.test(document.querySelector(selector)?.textContent ?? ''), { polling: 200 }, byTestId('bando-scadenza'));
    await screenshots(context, '/fondo-affitti/nuovo', byTestId('bando-form'), 'fondo-nuovo-bando');
    await type(page, 'bando-scadenza', '30/04/2079');
    await Promise.all([page.waitForFunction(() => /^\/fondo-affitti\/bandi\//.test(location.pathname), { polling: 200 }), page.click(byTestId('bando-salva'))]);
    const bando = await eventually(() => server.platform.db.bandoFondo.findFirst({ where: { anno: 2079, tipo: 'FONDO_AFFITTI' }, include: { fonti: true } }));
    expect(bando.fonti.map((fonte) => fonte.importo.toString())).toEqual(['1250000.5']);
    await page.waitForSelector(byTestId('bando-invia-firma'));
    await screenshots(context, `/fondo-affitti/bandi/${bando.id}`, byTestId('bando-invia-firma'), 'fondo-bando-bozza');
    await page.click(byTestId('bando-invia-firma'));
    await page.waitForSelector(byTestId('invio-firma-conferma'), { visible: true });
    await animationsSettled(page);
    expect(await dialogBackgrounds(page)).toEqual({ open: 1, seeThrough: [] });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'fondo-invio-firma-1440.png') });
    await page.click(byTestId('invio-firma-conferma'));
    // The act's draft is this run's first PDF: Chromium starts for it, which on a busy machine takes a while.
    await eventually(() => server.platform.db.task.findFirst({ where: { workflowId: bando.workflowId, taskKey: 'firma-bando-1', stato: 'APERTA' } }), 90_000);
    await context.close();
  }, 180_000);

  it('when two Comuni apply within the window and are admitted, then the riparto is signed, Bari sees its share, publishes its revised ranking, is liquidated and reports', async () => {
    const { db, ref, client, taskQueue } = server.platform;
    const [bariId, lecceId] = [ref.demoComuneIds[COMUNE_BARI], ref.demoComuneIds[COMUNE_LECCE]];
    givePecBack = await lendPecAddresses(db, { [bariId]: 'fondo-e2e-0@pec.comune.example', [lecceId]: 'fondo-e2e-1@pec.comune.example' });
    const istruttore = await signIn(server.baseUrl, demoCf('regione.istruttore'));
    const dirigente = await signIn(server.baseUrl, demoCf('regione.dirigente'));
    const lecce = await signIn(server.baseUrl, demoCf('lecce.rappresentante'));

    // A call with a window of 40 seconds: the rest of the path without waiting for a day to end.
    const bandoId = randomUUID();
    const workflowId = bandoFondoWorkflowId(bandoId);
    const anno = 2078;
    await db.bandoFondo.create({
      data: {
        id: bandoId, workflowId, tipo: 'FONDO_AFFITTI', anno, titolo: `Fondo sostegno locazioni ${anno}`,
        apertura: new Date(Date.now() - 60_000), scadenza: new Date(Date.now() + WINDOW_MS), parametri: PARAMETRI_PREDEFINITI(FASCE_DEFAULTS) as object,
        sollecitiGiorni: [], createdById: ref.users['regione.istruttore'],
        fonti: { create: [{ riferimento: `DM ${anno}`, importo: '60000.00', quota: 'ORDINARIA' }, { riferimento: `DGR ${anno}`, importo: '10000.00', quota: 'PREMIALE' }] },
      },
    });
    const input: BandoFondoInput = { bandoId, regioneEnteId: ref.regioneId };
    await client.workflow.start('bandoFondoAffitti', { workflowId, taskQueue, args: [input] });
    await eventually(async () => ((await istruttore.postJson(`/api/fondo-affitti/bandi/${bandoId}/invio-alla-firma`, {})).status === 204 ? true : undefined));
    const sign = async (taskKey: string) => {
      const task = await eventually(() => db.task.findFirst({ where: { workflowId, taskKey, stato: 'APERTA' } }));
      expect((await dirigente.postJson(`/api/tasks/${task.id}/complete`, { decision: { esito: 'FIRMA', impronta: (task.data as { atto: { sha256: string } }).atto.sha256 } })).status).toBe(200);
    };
    await sign('firma-bando-1');
    const domandaTask = (enteId: string) => eventually(() => db.task.findFirst({ where: { enteId, formKey: 'domanda-fondo-affitti', stato: 'APERTA', data: { path: ['bandoId'], equals: bandoId } } }));

    // Bari, in its task: a draft, the documents, a need over the cap refused, then submitted.
    const bariTask = await domandaTask(bariId);
    const { context, page } = await signedIn(demoCf('bari.rappresentante'), `/attivita/${bariTask.id}`);
    await page.waitForSelector(byTestId('field-A-ricevute'));
    await type(page, 'field-A-ricevute', '30');
    await type(page, 'field-A-ammissibili', '20');
    await type(page, 'field-A-esclusi', '10');
    await type(page, 'field-A-fabbisogno', '70.000,00');
    await type(page, 'field-B-ricevute', '8');
    await type(page, 'field-B-ammissibili', '6');
    await type(page, 'field-B-esclusi', '2');
    await type(page, 'field-B-fabbisogno', '9.000,00');
    await type(page, 'field-cofinanziamento', '12.000,00');
    await type(page, 'field-attoCofinanziamento', 'DGC n. 12 del 10/01/2078');
    await page.click(byTestId('domanda-salva'));
    await page.waitForFunction((selector) => /Bozza salvata alle \d\d:\d\d/.test(document.querySelector(selector)?.textContent ?? ''), { polling: 200 }, byTestId('bozza-salvata'));
    for (const campo of ['bandoComunaleDocumentId', 'graduatoriaDocumentId']) {
      const input = await page.$(`${byTestId(`upload-${campo}`)} input[type="file"]`);
      await input!.uploadFile(path.join(__dirname, 'fixtures', 'dichiarazione.pdf'));
      await page.waitForSelector(byTestId(`upload-${campo}-nome`));
    }
    await page.click(byTestId('form-submit'));
    // 20 eligible in band A at most 3.098,74 € each: 70.000,00 € is over the cap, said at the field.
    await page.waitForFunction((selector) => /61\.974,80/.test(document.querySelector(selector)?.textContent ?? ''), { polling: 200 }, byTestId('field-A-fabbisogno'));
    await screenshots(context, `/attivita/${bariTask.id}`, byTestId('field-A-ricevute'), 'fondo-domanda');
    await type(page, 'field-A-fabbisogno', '50.000,00');
    await page.click(byTestId('form-submit'));
    await page.waitForSelector(byTestId('conferma-invio'), { visible: true });
    await animationsSettled(page);
    expect(await dialogBackgrounds(page)).toEqual({ open: 1, seeThrough: [] });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'fondo-domanda-conferma-1440.png') });
    await page.click(byTestId('conferma-invio'));
    const bariDomanda = await eventually(async () => {
      const row = await db.domandaFondo.findFirst({ where: { bandoId, enteId: bariId } });
      return row?.protocolloId ? row : undefined;
    });
    expect(bariDomanda.fabbisognoA?.toString()).toBe('50000');

    // Lecce applies through the API.
    const lecceTask = await domandaTask(lecceId);
    const upload = async (session: ApiSession, taskId: string, campo: string) => {
      const form = new FormData();
      form.set('file', new Blob(['%PDF-1.4 lecce'], { type: 'application/pdf' }), `${campo}.pdf`);
      return (await session.json<{ id: string }>(`/api/tasks/${taskId}/documenti/${campo}`, { method: 'POST', body: form })).body.id;
    };
    expect((await lecce.postJson(`/api/tasks/${lecceTask.id}/complete`, {
      decision: {
        fasce: { A: { ricevute: 12, ammissibili: 10, esclusi: 2, fabbisogno: '25000.00' }, B: { ricevute: 0, ammissibili: 0, esclusi: 0, fabbisogno: '0.00' } },
        cofinanziamento: '0.00',
        bandoComunaleDocumentId: await upload(lecce, lecceTask.id, 'bandoComunaleDocumentId'),
        graduatoriaDocumentId: await upload(lecce, lecceTask.id, 'graduatoriaDocumentId'),
      },
    })).status).toBe(200);

    // Past the window, both admitted (other active Comuni of the shared database never applied).
    for (const enteId of [bariId, lecceId]) {
      const review = await eventually(() => db.task.findFirst({ where: { enteId, formKey: 'istruttoria-domanda-fondo', stato: 'APERTA', data: { path: ['bandoId'], equals: bandoId } } }), 60_000);
      expect((await istruttore.postJson(`/api/tasks/${review.id}/complete`, { decision: { esito: 'APPROVA' } })).status).toBe(200);
    }

    // The istruttore reviews the riparto on the call's page and proposes it from the inbox.
    const proposta = await eventually(() => db.task.findFirst({ where: { workflowId, taskKey: 'proposta-riparto-1', stato: 'APERTA' } }), WINDOW_MS + 60_000);

    // Foggia never applied: past the window its application is refused, naming the deadline.
    const foggiaId = ref.demoComuneIds[COMUNE_FOGGIA];
    const foggiaTask = await eventually(() => db.task.findFirst({ where: { enteId: foggiaId, formKey: 'domanda-fondo-affitti', stato: 'ANNULLATA', data: { path: ['bandoId'], equals: bandoId } } }));
    const foggia = await signIn(server.baseUrl, demoCf('foggia.referente'));
    const late = await foggia.postJson<{ error: { message: string } }>(`/api/tasks/${foggiaTask.id}/complete`, { decision: {} });
    const deadline = new Intl.DateTimeFormat('it-IT', { timeZone: 'Europe/Rome', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(foggiaTask.dueAt!).replace(', ', ' alle ');
    expect([late.status, late.body.error.message]).toEqual([409, `Il termine di questa attività è scaduto il ${deadline}: non si può più completare.`]);
    const region = await signedIn(demoCf('regione.istruttore'), `/fondo-affitti/bandi/${bandoId}?sezione=riparto`);
    await region.page.waitForSelector(byTestId('riparto-tabella'));
    const righe = await region.page.$$eval(byTestId('riparto-riga'), (rows) => rows.map((row) => row.textContent ?? ''));
    expect(righe.join(' ')).toMatch(/Comune di Bari[\s\S]*59\.000,00/);
    await screenshots(region.context, `/fondo-affitti/bandi/${bandoId}?sezione=riparto`, byTestId('riparto-tabella'), 'fondo-riparto');
    await region.page.goto(`${server.baseUrl}/attivita?vista=gruppi`);
    await openTaskRow(region.page, `Riparto: Fondo sostegno locazioni ${anno}`);
    await region.page.waitForSelector(byTestId(`field-esito-PROPONI`));
    await screenshots(region.context, `/attivita/${proposta.id}`, byTestId('field-esito-PROPONI'), 'fondo-proposta-riparto');
    await clickUntil(region.page, `${byTestId('field-esito-PROPONI')} input`, `${byTestId('field-esito-PROPONI')} input:checked`);
    await region.page.click(byTestId('form-submit'));
    await sign('firma-riparto-1');
    await region.context.close();

    // Bari's share, on its application's page. 70.000,00 € for 84.000,00 € of need: 42.142,86 ordinary,
    // 10.000,00 premium (Bari co-funds), 1.785,71 of Lecce's ATA penalty (Lecce does not co-fund).
    const shared = await eventually(async () => {
      const row = await db.domandaFondo.findFirst({ where: { bandoId, enteId: bariId } });
      return row?.quotaTotale ? row : undefined;
    }, 60_000);
    expect(shared.quotaTotale?.toString()).toBe('53928.57');
    await page.goto(`${server.baseUrl}/fondo-affitti/domande/${bariDomanda.id}`);
    await page.waitForSelector(byTestId('domanda-quota'));
    expect(await page.$eval(byTestId('domanda-quota'), (element) => element.textContent ?? '')).toMatch(/53\.928,57\s€[\s\S]*91,40\s%[\s\S]*−8,60\s%/);
    await screenshots(context, `/fondo-affitti/domande/${bariDomanda.id}`, byTestId('domanda-quota'), 'fondo-domanda-quota');

    // The share below the need: Bari publishes its revised ranking from its task, told the cut.
    const taskOf = (enteId: string, formKey: string) =>
      eventually(() => db.task.findFirst({ where: { enteId, formKey, stato: 'APERTA', data: { path: ['bandoId'], equals: bandoId } } }), 60_000);
    const uploadIn = async (target: Page, field: string) => {
      const input = await target.$(`${byTestId(`field-${field}`)} input[type="file"]`);
      await input!.uploadFile(path.join(__dirname, 'fixtures', 'dichiarazione.pdf'));
    };
    const closed = (taskId: string) => eventually(async () => ((await db.task.findUnique({ where: { id: taskId } }))?.stato === 'COMPLETATA' ? true : undefined));
    const graduatoria = await taskOf(bariId, 'graduatoria-rideterminata');
    await page.goto(`${server.baseUrl}/attivita/${graduatoria.id}`);
    await page.waitForSelector(byTestId('form-richiamo'));
    expect(await page.$eval(byTestId('form-richiamo'), (element) => element.textContent ?? '')).toContain('(copertura: 91,40\u00a0%): riduci in proporzione ogni contributo della graduatoria (−8,60\u00a0%)');
    await screenshots(context, `/attivita/${graduatoria.id}`, byTestId('form-richiamo'), 'fondo-graduatoria-rideterminata');
    await uploadIn(page, 'graduatoriaDocumentId');
    await page.click(byTestId('form-submit'));
    await closed(graduatoria.id);

    // The istruttore liquidates Bari and Lecce from the call's Comuni tab, in one act.
    const comuni = await signedIn(demoCf('regione.istruttore'), `/fondo-affitti/bandi/${bandoId}?sezione=comuni`);
    await comuni.page.waitForSelector(byTestId('comune-Comune di Bari'));
    for (const ente of ['Comune di Bari', 'Comune di Lecce']) {
      await comuni.page.$eval(byTestId(`comune-${ente}`), (link) => (link.closest('tr')!.querySelector('input[type="checkbox"]') as HTMLInputElement).click());
    }
    await comuni.page.waitForFunction((selector) => /\(2\)/.test(document.querySelector(selector)?.textContent ?? ''), { polling: 100 }, byTestId('liquidazione-apri'));
    await screenshots(comuni.context, `/fondo-affitti/bandi/${bandoId}?sezione=comuni`, byTestId('comuni-tabella'), 'fondo-comuni');
    await comuni.page.click(byTestId('liquidazione-apri'));
    await comuni.page.waitForSelector(byTestId('liquidazione-dialog'), { visible: true });
    await animationsSettled(comuni.page);
    expect(await dialogBackgrounds(comuni.page)).toEqual({ open: 1, seeThrough: [] });
    expect(await comuni.page.$eval(byTestId('liquidazione-totale'), (element) => element.textContent ?? '')).toMatch(/70\.000,00\s€/);
    await type(comuni.page, 'liquidazione-numero', `${anno}/112`);
    await type(comuni.page, 'liquidazione-data', '01/12/2026');
    await comuni.page.screenshot({ path: path.join(SCREENSHOTS, 'fondo-liquidazione-1440.png') });
    await comuni.page.click(byTestId('liquidazione-invia'));
    await comuni.page.waitForSelector(byTestId('liquidazione-dialog'), { hidden: true });
    await eventually(async () => ((await db.domandaFondo.count({ where: { bandoId, liquidazioneId: { not: null } } })) === 2 ? true : undefined));

    // Bari reports what it paid, on its task; the istruttore approves it from the inbox.
    const rendiconto = await taskOf(bariId, 'rendicontazione-fondo');
    await page.goto(`${server.baseUrl}/attivita/${rendiconto.id}`);
    await page.waitForSelector(byTestId('field-pagatoA'));
    await type(page, 'field-pagatoA', '40.000,00');
    await type(page, 'field-beneficiariA', '15');
    await type(page, 'field-pagatoB', '8.000,00');
    await type(page, 'field-beneficiariB', '4');
    await type(page, 'field-residuo', '5.928,57');
    await uploadIn(page, 'relazioneDocumentId');
    await screenshots(context, `/attivita/${rendiconto.id}`, byTestId('field-pagatoA'), 'fondo-rendicontazione');
    await page.click(byTestId('form-submit'));
    await closed(rendiconto.id);
    const verifica = await taskOf(bariId, 'verifica-rendicontazione-fondo');
    await comuni.page.goto(`${server.baseUrl}/attivita/${verifica.id}`);
    await comuni.page.waitForSelector(byTestId('rendicontazione-fascia-A'));
    expect(await comuni.page.$eval(byTestId('rendicontazione-fascia-A'), (element) => element.textContent ?? '')).toMatch(/40\.000,00\s€ a 15 beneficiari/);
    await screenshots(comuni.context, `/attivita/${verifica.id}`, byTestId('rendicontazione-fascia-A'), 'fondo-verifica-rendicontazione');
    await clickUntil(comuni.page, `${byTestId('field-esito-APPROVA')} input`, `${byTestId('field-esito-APPROVA')} input:checked`);
    await comuni.page.click(byTestId('form-submit'));
    await eventually(async () => ((await db.domandaFondo.findFirst({ where: { bandoId, enteId: bariId } }))?.stato === 'RENDICONTATA' ? true : undefined), 30_000);
    await comuni.context.close();

    // Bari's application now shows its liquidation and its report.
    await page.goto(`${server.baseUrl}/fondo-affitti/domande/${bariDomanda.id}`);
    await page.waitForSelector(byTestId('domanda-rendicontazione'));
    expect(await page.$eval(byTestId('domanda-liquidazione'), (element) => element.textContent ?? '')).toMatch(new RegExp(`53\\.928,57\\s€ con l’atto n\\. ${anno}/112 del 01/12/2026`));
    await screenshots(context, `/fondo-affitti/domande/${bariDomanda.id}`, byTestId('domanda-rendicontazione'), 'fondo-domanda-rendicontata');
    await context.close();
  }, 420_000);
});
