/// <reference lib="dom" />
// The stock browser in the browser, as the Region's istruttore: filter the units (ente, a planner's
// list, text), open a building and read its history, then the map with the tile server unreachable:
// the notice, the markers on a plain background, and a marker opening the building's page.
import type { ElementHandle, Page } from 'puppeteer-core';
import { loadSnapshot } from '../../activities/stock';
import { ARCA_JONICA } from '../../prisma/seed/reference-data';

const MONOPOLI = '072030';
import type { TestServer } from '../support/api-server';
import { animationsSettled, dialogBackgrounds, startBrowserTest, type TestBrowser } from '../support/browser';
import { demoCf } from '../support/demo';
import { freePort } from '../support/free-port';
import { buildStock, sellSome } from '../flussi/stock/stock-fixtures';

const byTestId = (id: string) => `[data-testid="${id}"]`;

describe('the stock browser in the browser', () => {
  let server: TestServer;
  let chromium: TestBrowser;
  let close: () => Promise<void>;
  // ARCA Jonica (no other test loads its stock at these dates, though some load later ones): 6 buildings of 5 units, then a semester
  // with every third unit sold; and the Comune di Monopoli's, which the ente filter must leave out.
  const first = buildStock(ARCA_JONICA, ['073027'], 6, 5);
  const second = sellSome(first, 3, '2026-03-02');
  const other = buildStock(MONOPOLI, [MONOPOLI], 2, 5);

  beforeAll(async () => {
    // A port nobody listens on: every tile request fails, as on a network without the tile server.
    const tilesPort = await freePort();
    ({ server, chromium, close } = await startBrowserTest({ mapTilesUrl: `http://127.0.0.1:${tilesPort}/{z}/{x}/{y}.png` }));
    const enteId = server.platform.ref.arcaIds[ARCA_JONICA];
    const url = process.env.DATABASE_URL!;
    await loadSnapshot(server.platform.db, url, { enteId, dataRiferimento: '2025-12-31', tipo: 'FLUSSO', ...first });
    await loadSnapshot(server.platform.db, url, { enteId, dataRiferimento: '2026-06-30', tipo: 'FLUSSO', ...second });
    const monopoli = await server.platform.db.ente.findUniqueOrThrow({ where: { codice: MONOPOLI } });
    await loadSnapshot(server.platform.db, url, { enteId: monopoli.id, dataRiferimento: '2025-12-31', tipo: 'FLUSSO', ...other });
  });
  afterAll(() => close?.());

  const textOf = (page: Page, selector: string) => page.$eval(selector, (element) => element.textContent?.trim() ?? '');
  const waitForText = (page: Page, selector: string, wanted: string) =>
    page.waitForFunction((css, text) => document.querySelector(css)?.textContent?.includes(text), { polling: 100 }, selector, wanted);
  const waitForExactText = (page: Page, selector: string, wanted: string) =>
    page.waitForFunction((css: string, text: string) => document.querySelector(css)?.textContent?.trim().replace(/\s+/g, ' ') === text, { polling: 100 }, selector, wanted);
  const found = (n: number) => `${n} ${n === 1 ? 'unità trovata' : 'unità trovate'}`;

  it('when the istruttore filters the units, opens a building and then the map with no tiles, then each shows the ente’s stock', async () => {
    const libere = second.units.filter((unit) => unit.stato === 'LIBERO');
    expect(libere.length).toBeGreaterThan(0);
    const page = await (await chromium.browser.createBrowserContext()).newPage();
    page.setDefaultTimeout(30_000);
    await page.setViewport({ width: 1366, height: 900 });

    await page.goto(`${server.baseUrl}/`);
    await page.waitForSelector(`button[value="${demoCf('regione.istruttore')}"]`);
    await Promise.all([page.waitForNavigation(), page.click(`button[value="${demoCf('regione.istruttore')}"]`)]);
    await page.waitForSelector(byTestId('nav-alloggi'));
    await page.click(byTestId('nav-alloggi'));
    await page.waitForSelector(byTestId('riepilogo-alloggi'));

    // Ente: ARCA Jonica, then the list of free units.
    await page.click(`${byTestId('filter-ente')} input`);
    await page.keyboard.type('Jonica');
    await page.waitForFunction(() => [...document.querySelectorAll('.v-overlay-container .v-list-item')].some((item) => item.textContent?.includes('ARCA Jonica')));
    await page.evaluate(() => {
      [...document.querySelectorAll<HTMLElement>('.v-overlay-container .v-list-item')].find((item) => item.textContent?.includes('ARCA Jonica'))!.click();
    });
    const jonica = server.platform.ref.arcaIds[ARCA_JONICA];
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('ente') === id, {}, jonica);
    await waitForExactText(page, byTestId('alloggi-totale'), found(first.units.length));
    await page.click(byTestId('lista-liberi'));
    await waitForExactText(page, byTestId('alloggi-totale'), found(libere.length));
    expect(new URL(page.url()).searchParams.get('lista')).toBe('liberi');
    const rows = await page.$$eval(byTestId('unita-row'), (elements) => elements.map((row) => ({ codice: row.getAttribute('data-codice'), text: row.textContent ?? '' })));
    expect(rows.map((row) => row.codice).sort()).toEqual(libere.map((unit) => unit.codice).sort());
    expect(rows.every((row) => row.text.includes('Libero') && row.text.includes('Taranto'))).toBe(true);

    // The Excel export of this list, with its progress, ends in a file ready to download.
    await page.click(byTestId('esporta-excel'));
    await waitForText(page, byTestId('esportazione-pronta'), `${libere.length} unità`);
    expect(await dialogBackgrounds(page)).toEqual({ open: 1, seeThrough: [] });
    expect(await page.$eval(byTestId('esportazione-scarica'), (link) => (link as HTMLAnchorElement).href)).toMatch(/\/api\/patrimonio\/esportazioni\/[0-9a-f-]+\/file$/);
    // Clicked once the dialog has faded in: a click during the transition can miss the button.
    await animationsSettled(page);
    await page.click(byTestId('esportazione-chiudi'));
    await page.waitForSelector(byTestId('esportazione'), { hidden: true });

    // Free text narrows to one building's units.
    const building = libere[0]!.buildingCodice;
    await page.type(`${byTestId('filter-q')} input`, building);
    await waitForExactText(page, byTestId('alloggi-totale'), found(libere.filter((unit) => unit.buildingCodice === building).length));
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('q') === id, {}, building);

    // The building's page: its units as of today and what the second semester changed.
    await Promise.all([page.waitForFunction(() => location.pathname.startsWith('/patrimonio/edifici/')), page.click(byTestId('edificio-link'))]);
    await waitForText(page, byTestId('edificio-titolo'), building);
    await page.waitForSelector(byTestId('storia-voce'));
    const unitsHere = second.units.filter((unit) => unit.buildingCodice === building);
    expect(await page.$$eval(byTestId('edificio-unita'), (elements) => elements.length)).toBe(unitsHere.length);
    // The two semesters this test loaded (other test files of the run may load later ones of the same agency).
    const voices = await page.$$eval(byTestId('storia-voce'), (elements) => elements.map((element) => element.textContent ?? ''));
    expect(voices.filter((voice) => voice.includes('Al 31/12/2025') || voice.includes('Al 30/06/2026'))).toHaveLength(2);
    const soldHere = unitsHere.filter((unit) => unit.stato === 'ALIENATO');
    const changes = await page.$$eval(byTestId('storia-variazione'), (elements) => elements.map((element) => element.textContent ?? ''));
    for (const unit of soldHere) expect(changes.some((change) => change.includes(unit.codice) && change.includes('Alienato'))).toBe(true);

    // The map of the same filter, with the tile server unreachable.
    await page.goBack();
    await page.waitForSelector(byTestId('vai-mappa'));
    await Promise.all([page.waitForFunction(() => location.pathname === '/patrimonio/mappa'), page.click(byTestId('vai-mappa'))]);
    await page.waitForSelector(byTestId('mappa-avviso-sfondo'));
    expect(await textOf(page, byTestId('mappa-avviso-sfondo'))).toContain('non è raggiungibile');
    // The list's filters came along: one building, the one searched for.
    await waitForText(page, byTestId('mappa-conteggio'), '1 edificio con coordinate');
    await page.waitForSelector(`${byTestId('mappa-edificio')}[data-codice="${building}"]`);

    // Without the text filter every building with a free unit is there; a group opens by zooming in.
    await page.goto(`${server.baseUrl}/patrimonio/mappa?ente=${jonica}`);
    await waitForText(page, byTestId('mappa-conteggio'), `${first.buildings.length} edifici con coordinate`);
    await page.waitForSelector(`${byTestId('mappa-edificio')}, ${byTestId('mappa-cluster')}`);
    let marker: ElementHandle | null = null;
    for (let attempt = 0; attempt < 5 && !marker; attempt++) {
      marker = await page.$(byTestId('mappa-edificio'));
      if (!marker) {
        const zoom = await page.$eval(byTestId('mappa'), (element) => (element as HTMLElement).dataset.zoom);
        await page.click(byTestId('mappa-cluster'));
        await page.waitForFunction((css, before) => (document.querySelector(css) as HTMLElement | null)?.dataset.zoom !== before, {}, byTestId('mappa'), zoom);
      }
    }
    expect(marker).not.toBeNull();
    const codice = await marker!.evaluate((element) => element.getAttribute('data-codice'));
    await Promise.all([page.waitForFunction(() => location.pathname.startsWith('/patrimonio/edifici/')), marker!.click()]);
    await waitForText(page, byTestId('edificio-titolo'), codice!);
  });
});
