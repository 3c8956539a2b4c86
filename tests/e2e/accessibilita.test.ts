/// <reference lib="dom" />
// Accessibility as the law asks of public administrations (Legge 4/2004, AgID guidelines, WCAG 2.1 AA):
// the main pages, as the people who use them, have no violation axe-core finds at levels A and AA.
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { COMUNE_BARI } from '../../prisma/seed/enti';
import type { DemoUserKey } from '../../prisma/seed/demo-users';
import { accessibilityViolations } from '../support/accessibility';
import type { TestServer } from '../support/api-server';
import { animationsSettled, dialogBackgrounds, startBrowserTest, type TestBrowser } from '../support/browser';
import { demoCf } from '../support/demo';
import { eventually } from '../support/platform';
import { signIn } from '../support/sign-in';

const byTestId = (id: string) => `[data-testid="${id}"]`;

describe('accessibility of the main pages', () => {
  let server: TestServer;
  let chromium: TestBrowser;
  let close: () => Promise<void>;
  /** The communication the first test sends: its procedure's page is among the administrator's. */
  let communicationWorkflowId: string;

  beforeAll(async () => {
    ({ server, chromium, close } = await startBrowserTest());
  });
  afterAll(() => close?.());

  async function signInAs(key: DemoUserKey): Promise<Page> {
    const page = await (await chromium.browser.createBrowserContext()).newPage();
    page.setDefaultTimeout(30_000);
    await page.setViewport({ width: 1440, height: 900 });
    await page.goto(`${server.baseUrl}/attivita`);
    await page.waitForSelector(`button[value="${demoCf(key)}"]`);
    await Promise.all([page.waitForNavigation(), page.click(`button[value="${demoCf(key)}"]`)]);
    return page;
  }

  /** A page once loaded: its marker there, nothing loading any more. */
  async function load(page: Page, address: string, ready: string, visible: boolean): Promise<void> {
    // The tab in front: a tab behind another does not paint, and waits on painting never end.
    await page.bringToFront();
    await page.goto(`${server.baseUrl}${address}`);
    await page.waitForSelector(ready, { visible });
    await page.waitForFunction(() => document.querySelectorAll('.v-progress-linear--active, .v-skeleton-loader, .v-data-table--loading').length === 0, { polling: 100 });
    // Nor fading in: text half-way through a transition has not its colour yet, and axe would measure that.
    await animationsSettled(page);
  }

  /**
   * Each page with what axe-core finds on it; and its screenshots at 1440×900 and at a phone's width (in a
   * tab of its own: a mobile viewport reloads the page) in tests/e2e/screenshots, for a person to look at.
   */
  async function violationsOf(page: Page, pages: [address: string, ready: string][]): Promise<Record<string, string[]>> {
    const found: Record<string, string[]> = {};
    const dir = path.join(__dirname, 'screenshots');
    await mkdir(dir, { recursive: true });
    const phone = await page.browserContext().newPage();
    await phone.setViewport({ width: 390, height: 844, isMobile: true });
    for (const [address, ready] of pages) {
      await load(page, address, ready, true);
      found[address] = await accessibilityViolations(page);
      const name = `pagina${address.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/g, 'id').replace(/[^a-z0-9]+/gi, '-')}`;
      await page.screenshot({ path: path.join(dir, `${name}-1440.png`), fullPage: true });
      await load(phone, address, ready, false);
      await phone.screenshot({ path: path.join(dir, `${name}-telefono.png`), fullPage: true });
    }
    await phone.close();
    return found;
  }

  it('when the Region\'s istruttore goes through the inbox, a task, a communication, the campaigns, the stock and the map, then no page has a violation', async () => {
    // A communication from Bari: its task waits in the Region's inbox, its page lists the attachment.
    const bari = await signIn(server.baseUrl, demoCf('bari.referente'));
    const form = new FormData();
    form.set('enteId', server.platform.ref.demoComuneIds[COMUNE_BARI]);
    form.set('oggetto', 'Richiesta di chiarimenti sul canone');
    form.set('testo', 'Si chiedono chiarimenti sul calcolo del canone sociale.');
    form.append('allegati', new Blob([await readFile(path.join(__dirname, 'fixtures', 'dichiarazione.pdf'))], { type: 'application/pdf' }), 'richiesta.pdf');
    const sent = await bari.json<{ id: string; workflowId: string }>('/api/comunicazioni', { method: 'POST', body: form });
    expect(sent.status).toBe(201);
    communicationWorkflowId = sent.body.workflowId;
    const task = await eventually(() => server.platform.db.task.findFirst({ where: { workflowId: sent.body.workflowId, stato: 'APERTA' } }));
    // A reference date no other test file uses (the run shares one database and one Temporal server).
    const opened = await signIn(server.baseUrl, demoCf('regione.istruttore'));
    const campaign = await opened.postJson<{ id: string }>('/api/ricognizioni', { dataRiferimento: '2051-06-30', scadenza: '2051-09-30', enteIds: [server.platform.ref.demoComuneIds[COMUNE_BARI]] });
    expect(campaign.status).toBe(201);
    // A rent-fund call of a year no other test file uses, as a draft.
    const bando = await opened.postJson<{ id: string }>('/api/fondo-affitti/bandi', { anno: 2051, titolo: 'Fondo sostegno locazioni 2051', apertura: '2051-03-01', scadenza: '2051-04-30', fonti: [{ riferimento: 'DM 2051', importo: '100000.00', quota: 'ORDINARIA' }] });
    expect(bando.status).toBe(201);

    const page = await signInAs('regione.istruttore');
    const found = await violationsOf(page, [
      ['/attivita', byTestId('inbox-tabs')],
      ['/attivita?vista=completate', byTestId('inbox-tabs')],
      [`/attivita/${task.id}`, byTestId('task-form')],
      [`/comunicazioni/${sent.body.id}`, 'h1'],
      ['/comunicazioni', 'h1'],
      ['/ricognizioni', byTestId('ricognizione-nuova')],
      [`/ricognizioni/${campaign.body.id}`, byTestId('ente-row')],
      ['/patrimonio/alloggi', byTestId('riepilogo-alloggi')],
      ['/patrimonio/mappa', byTestId('mappa')],
      ['/sostituzioni', byTestId('sostituzione-form')],
      ['/notifiche', byTestId('notifiche-form')],
      ['/fondo-affitti', byTestId('bando-nuovo')],
      ['/fondo-affitti/nuovo', byTestId('bando-form')],
      [`/fondo-affitti/bandi/${bando.body.id}`, byTestId('tab-bando')],
    ]);
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((path) => [path, []])));
  });

  it('when a keyboard user arrives on a page, then the first Tab offers «Salta al contenuto», which leads past the menu to the page', async () => {
    const page = await signInAs('regione.istruttore');
    await page.waitForSelector(byTestId('inbox-tabs'));
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => [document.activeElement?.textContent?.trim(), document.activeElement?.getBoundingClientRect().top ?? -1])).toEqual(['Salta al contenuto', expect.any(Number)]);
    expect(await page.evaluate(() => document.activeElement!.getBoundingClientRect().top)).toBeGreaterThanOrEqual(0);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'contenuto');
    // The next Tab lands inside the page, not in the menu.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('#contenuto')))).toBe(true);
  });

  it('when the platform\'s administrator looks at the procedures, the incidents and the Comuni\'s reference data, then no page has a violation', async () => {
    const page = await signInAs('regione.amministratore');
    const found = await violationsOf(page, [
      ['/amministrazione/procedure', 'h1'],
      [`/amministrazione/procedure/${communicationWorkflowId}`, byTestId('procedura-titolo')],
      ['/amministrazione/incidenti', 'h1'],
      ['/amministrazione/comuni', byTestId('comuni-riferimento-tabella')],
    ]);
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((path) => [path, []])));
    // The edit of a Comune's reference data: an opaque dialog, also checked.
    await page.click(byTestId(`modifica-${COMUNE_BARI}`));
    await page.waitForSelector(byTestId('riferimento-dialog'), { visible: true });
    await animationsSettled(page);
    expect(await dialogBackgrounds(page)).toEqual({ open: 1, seeThrough: [] });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: path.join(__dirname, 'screenshots', 'pagina-amministrazione-comuni-modifica-1440.png') });
  });

  it('when a Comune\'s legal representative goes through their pages, then no page has a violation', async () => {
    const page = await signInAs('lecce.rappresentante');
    const lecce = server.platform.ref.demoComuneIds['075035'];
    const found = await violationsOf(page, [
      ['/attivita', byTestId('inbox-tabs')],
      [`/enti/${lecce}/referenti`, 'h1'],
      ['/flussi', 'h1'],
      ['/accreditamenti/nuova', 'h1'],
      ['/accessibilita', byTestId('stato-conformita')],
    ]);
    expect(found).toEqual(Object.fromEntries(Object.keys(found).map((path) => [path, []])));
  });
});
