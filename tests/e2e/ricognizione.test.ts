/// <reference lib="dom" />
// The campaign in the browser, as the Region's istruttore: opening (refused with the field named, then over a chosen Comune),
// the page shows who answered how, filters the enti, exports them, extends the deadline and closes.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { ARCA_CAPITANATA, ARCA_NORD_SALENTO } from '../../prisma/seed/enti';
import type { TestServer } from '../support/api-server';
import { animationsSettled, dialogBackgrounds, startBrowserTest, type TestBrowser } from '../support/browser';
import { demoCf } from '../support/demo';
import { signIn } from '../support/sign-in';
import { consistenzaNulla } from '../../activities/stock';

const byTestId = (id: string) => `[data-testid="${id}"]`;
const DATA = '2035-06-30';

describe('ricognizione in the browser', () => {
  let server: TestServer;
  let chromium: TestBrowser;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ server, chromium, close } = await startBrowserTest());
  });
  afterAll(() => close?.());

  /** A date field filled as a person would: gg/mm/aaaa typed over what it holds. */
  async function setDate(page: Page, id: string, iso: string) {
    const input = `${byTestId(id)} input`;
    await page.click(input, { clickCount: 3 });
    await page.keyboard.press('Backspace');
    const [year, month, day] = iso.split('-');
    await page.type(input, `${day}/${month}/${year}`);
  }
  const text = (page: Page, id: string) => page.$eval(byTestId(id), (element) => element.textContent ?? '');
  const rows = (page: Page) => page.$$eval(byTestId('ente-row'), (elements) => elements.map((element) => element.getAttribute('data-esito')));

  it('when the istruttore opens a ricognizione over chosen enti and follows another, then the page shows the answers, filters and exports them, extends the deadline and closes it', async () => {
    const { arcaIds } = server.platform.ref;
    const api = await signIn(server.baseUrl, demoCf('regione.istruttore'));
    const opened = await api.postJson<{ id: string }>('/api/ricognizioni', { dataRiferimento: DATA, scadenza: '2035-09-30', enteIds: [arcaIds[ARCA_CAPITANATA], arcaIds[ARCA_NORD_SALENTO]] });
    expect(opened.status).toBe(201);
    await consistenzaNulla(server.platform.db, { enteId: arcaIds[ARCA_NORD_SALENTO], dataRiferimento: DATA });

    const page = await (await chromium.browser.createBrowserContext()).newPage();
    page.setDefaultTimeout(30_000);
    await page.setViewport({ width: 1366, height: 900 });
    await page.goto(`${server.baseUrl}/ricognizioni`);
    await page.waitForSelector(`button[value="${demoCf('regione.istruttore')}"]`);
    await Promise.all([page.waitForNavigation(), page.click(`button[value="${demoCf('regione.istruttore')}"]`)]);

    // Opening a second campaign at the same date: the dialog names the field.
    await page.waitForSelector(byTestId('ricognizione-nuova'));
    await page.click(byTestId('ricognizione-nuova'));
    await page.waitForSelector(byTestId('ricognizione-data'), { visible: true });
    await animationsSettled(page);
    expect(await dialogBackgrounds(page)).toEqual({ open: 1, seeThrough: [] });
    // Over every ARCA and Comune, the dialog warns of the enti no PEC can reach.
    await page.waitForFunction((selector) => /\d+ enti su \d+ non hanno un indirizzo PEC/.test(document.querySelector(selector)?.textContent?.replace(/\s+/g, ' ') ?? ''), { polling: 100 }, byTestId('ricognizione-senza-pec'));
    await mkdir(path.join(__dirname, 'screenshots'), { recursive: true });
    await page.setViewport({ width: 1440, height: 900 });
    await page.screenshot({ path: path.join(__dirname, 'screenshots', 'apri-ricognizione-1440.png') });
    await page.setViewport({ width: 1366, height: 900 });
    await page.click(`${byTestId('ricognizione-data')} .v-field`);
    await page.waitForSelector('.v-overlay-container .v-list-item', { visible: true });
    await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.v-overlay-container .v-list-item')].at(-1)!.click());
    // A date that is not in the calendar is named at its field, in Italian, before anything is sent.
    await setDate(page, 'ricognizione-scadenza', '2027-02-31');
    await page.click(byTestId('ricognizione-conferma'));
    await page.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('Scrivi una data vera nella forma gg/mm/aaaa'), {}, byTestId('ricognizione-scadenza'));
    await setDate(page, 'ricognizione-scadenza', '2020-01-01');
    await page.click(byTestId('ricognizione-conferma'));
    await page.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('la scadenza deve'), {}, `${byTestId('ricognizione-scadenza')}`);

    // Corrected, over one chosen Comune: the new campaign's page opens with that ente alone.
    await setDate(page, 'ricognizione-scadenza', '2027-01-31');
    await page.click(`${byTestId('ricognizione-ambito')} input[value="scelti"]`);
    await page.waitForSelector(`${byTestId('ricognizione-enti')} input`);
    await page.type(`${byTestId('ricognizione-enti')} input`, 'Altamura');
    await page.waitForFunction(() => [...document.querySelectorAll('.v-overlay-container .v-list-item')].some((item) => item.textContent?.includes('Altamura')), { polling: 200 });
    await page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.v-overlay-container .v-list-item')].find((item) => item.textContent?.includes('Altamura'))!.click());
    await page.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('Altamura'), { polling: 200 }, `${byTestId('ricognizione-enti')} .v-chip`);
    // The suggestions stay open for more choices: a click elsewhere in the dialog closes them.
    await page.click(`${byTestId('apri-ricognizione-dialog')} .v-card-title`);
    await animationsSettled(page);
    await page.click(byTestId('ricognizione-conferma'));
    await page.waitForFunction(() => /^\/ricognizioni\/[0-9a-f-]{36}$/.test(location.pathname));
    await page.waitForSelector(byTestId('ente-row'));
    expect(await text(page, 'totale-enti')).toContain('1');
    expect(await page.$eval(byTestId('enti-ricognizione-table'), (table) => table.textContent)).toContain('Altamura');

    await page.goto(`${server.baseUrl}/ricognizioni/${opened.body.id}`);
    await page.waitForSelector(byTestId('ente-row'));
    expect(await text(page, 'totale-enti')).toContain('2');
    expect(await text(page, 'totale-nulla')).toContain('1');
    expect(await text(page, 'totale-attesa')).toContain('1');
    expect((await rows(page)).sort()).toEqual(['CONSISTENZA_NULLA', 'IN_ATTESA']);

    await page.click(byTestId('filter-esito-IN_ATTESA'));
    await page.waitForFunction(() => location.search.includes('esito=IN_ATTESA'));
    await page.waitForFunction((selector) => document.querySelectorAll(selector).length === 1 && document.querySelector(selector)?.getAttribute('data-esito') === 'IN_ATTESA', {}, byTestId('ente-row'));
    const excel = await page.$eval(byTestId('ricognizione-excel'), (link) => link.getAttribute('href'));
    expect(excel).toBe(`/api/ricognizioni/${opened.body.id}/enti.xlsx?esito=IN_ATTESA`);
    const download = await page.evaluate(async (href) => (await fetch(href!)).headers.get('content-type'), excel);
    expect(download).toContain('spreadsheetml');

    await page.click(byTestId('ricognizione-proroga'));
    await page.waitForSelector(byTestId('proroga-scadenza'), { visible: true });
    await animationsSettled(page);
    expect(await dialogBackgrounds(page)).toEqual({ open: 1, seeThrough: [] });
    await setDate(page, 'proroga-scadenza', '2035-10-31');
    await page.screenshot({ path: path.join(__dirname, 'screenshots', 'proroga-ricognizione-1440.png') });
    await page.click(byTestId('proroga-conferma'));
    await page.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('31/10/2035'), {}, byTestId('ricognizione-scadenza'));

    await page.waitForSelector(byTestId('proroga-dialog'), { hidden: true });
    await animationsSettled(page);
    await page.click(byTestId('ricognizione-chiudi'));
    await page.waitForSelector(byTestId('chiudi-conferma'), { visible: true });
    await animationsSettled(page);
    expect(await dialogBackgrounds(page)).toEqual({ open: 1, seeThrough: [] });
    // A click on the element itself, not at its coordinates: nothing passing over the dialog can take it.
    await page.$eval(byTestId('chiudi-conferma'), (button) => (button as HTMLElement).click());
    await page.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('Chiusa'), {}, byTestId('ricognizione-stato'));
    expect(await server.platform.db.ricognizione.findUniqueOrThrow({ where: { id: opened.body.id } })).toMatchObject({ stato: 'CHIUSA' });
  }, 120_000);
});
