/// <reference lib="dom" />
// Invio flussi in the browser, as the Comune's PATRIMONIO referente: upload a flusso with errors, read
// the report, upload the corrected one, confirm it from the task; it becomes the official snapshot. And
// as ARCA Puglia Centrale's referente: enter a small stock by hand, starting from the last official one.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { loadSnapshot } from '../../activities/stock';
import { ARCA_PUGLIA_CENTRALE } from '../../prisma/seed/enti';
import { COMUNE_BARI } from '../../prisma/seed/reference-data';
import { generateEnteFlusso, writeFlusso } from '../../scripts/generate-stock';
import type { TestServer } from '../support/api-server';
import { startBrowserTest, type TestBrowser } from '../support/browser';
import { demoCf } from '../support/demo';

const byTestId = (id: string) => `[data-testid="${id}"]`;
const DATA = '2026-06-30';

describe('invio flussi in the browser', () => {
  let server: TestServer;
  let chromium: TestBrowser;
  let close: () => Promise<void>;
  let dir: string;

  beforeAll(async () => {
    ({ server, chromium, close } = await startBrowserTest());
    dir = await mkdtemp(path.join(os.tmpdir(), 'push-e2e-flussi-'));
  });
  afterAll(async () => {
    await close?.();
    await rm(dir, { recursive: true, force: true });
  });

  /**
   * Waits for a row of the attempts table to show an outcome: a validation on a loaded machine can take a
   * while. On a timeout it says which rows there were, so a failure tells what the page showed.
   */
  async function rowWith(page: Page, text: string) {
    try {
      return await page.waitForFunction((selector, wanted) => [...document.querySelectorAll(selector)].find((row) => row.textContent?.includes(wanted)), { polling: 200, timeout: 90_000 }, byTestId('caricamento-row'), text);
    } catch (error) {
      const rows = await page.$$eval(byTestId('caricamento-row'), (found) => found.map((row) => row.textContent?.trim()));
      throw new Error(`no attempt row reads «${text}»; the rows read ${JSON.stringify(rows)}`, { cause: error });
    }
  }

  /** Picks the option of a Vuetify select whose text contains `text`. */
  async function choose(page: Page, field: string, text: string) {
    await page.click(`${byTestId(field)} .v-field`);
    await page.waitForSelector('.v-overlay-container .v-list-item', { visible: true });
    await page.evaluate((wanted) => {
      [...document.querySelectorAll<HTMLElement>('.v-overlay-container .v-list-item')].find((item) => item.textContent?.includes(wanted))!.click();
    }, text);
  }

  it('when the referente uploads a flusso with errors, reads the report, uploads the corrected one and confirms it, then it is the official snapshot', async () => {
    const wrong = path.join(dir, 'flusso-sbagliato.xml');
    await writeFlusso(generateEnteFlusso('750000', { unita: 20, dataRiferimento: DATA }), wrong);
    const right = path.join(dir, 'flusso.xml');
    await writeFlusso(generateEnteFlusso(COMUNE_BARI, { unita: 40, dataRiferimento: DATA }), right);

    const context = await chromium.browser.createBrowserContext();
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.setViewport({ width: 1366, height: 900 });
    await page.goto(`${server.baseUrl}/flussi`);
    await page.waitForSelector(`button[value="${demoCf('bari.referente')}"]`);
    await Promise.all([page.waitForNavigation(), page.click(`button[value="${demoCf('bari.referente')}"]`)]);
    await page.waitForSelector(byTestId('flussi-data'));
    await choose(page, 'flussi-data', '30/06/2026');
    await page.click(byTestId('flussi-apri'));
    await page.waitForFunction(() => /^\/flussi\/invio-flussi-/.test(location.pathname));

    const upload = async (file: string, on = page) => {
      const input = await on.waitForSelector(`${byTestId('flusso-file')} input[type=file]`);
      await input!.uploadFile(file);
      await on.click(byTestId('flusso-carica'));
    };
    await upload(wrong);
    const badRow = await rowWith(page, 'Con errori');
    await (badRow.asElement() as unknown as { click(): Promise<void> }).click();
    await page.waitForSelector(byTestId('problema-row'));
    const firstProblem = await page.$eval(byTestId('problema-row'), (row) => row.textContent ?? '');
    expect(firstProblem.length).toBeGreaterThan(20);
    expect(await page.$eval(byTestId('rapporto-link'), (link) => (link as HTMLAnchorElement).href)).toMatch(/rapporto\.xlsx$/);

    await upload(right);
    await rowWith(page, 'Valido');
    await page.waitForSelector(byTestId('vai-conferma'));
    await Promise.all([page.waitForFunction(() => location.pathname.startsWith('/attivita/')), page.click(byTestId('vai-conferma'))]);
    await page.waitForSelector(byTestId('field-azione-CONFERMA'));
    await page.click(`${byTestId('field-azione-CONFERMA')} input`);
    await page.waitForSelector(byTestId('field-upload'));

    // With the task open, the flusso is uploaded once more in another tab: back here, the form offers it.
    const transmission = new URL(page.url()).pathname;
    const other = await context.newPage();
    await other.goto(`${server.baseUrl}/flussi/invio-flussi-${server.platform.ref.demoComuneIds[COMUNE_BARI]}-${DATA}`);
    await upload(right, other);
    await other.waitForFunction((selector) => document.querySelectorAll(selector).length === 3, { polling: 200 }, byTestId('caricamento-row'));
    await other.close();
    expect(new URL(page.url()).pathname).toBe(transmission);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await choose(page, 'field-upload', 'Caricamento n. 3');
    await page.click(byTestId('form-submit'));
    await page.waitForFunction(() => location.pathname === '/attivita');

    const bari = server.platform.ref.demoComuneIds[COMUNE_BARI];
    const workflowId = `invio-flussi-${bari}-${DATA}`;
    await server.platform.client.workflow.getHandle(workflowId).result();
    const snapshot = await server.platform.db.stockSnapshot.findFirstOrThrow({ where: { workflowId } });
    expect(snapshot).toMatchObject({ tipo: 'FLUSSO', unitsCount: 40 });
    await page.goto(`${server.baseUrl}/flussi/${workflowId}`);
    await page.waitForSelector(byTestId('trasmissione-registrata'));
    // What came of it: the protocol number, the receipt to download, the receipt's PEC to the ente.
    expect(await page.$eval(byTestId('snapshot-protocollo'), (element) => element.textContent?.replace(/\s+/g, ' ').trim())).toMatch(/^Protocollo N\. \d+\/\d{4} del \d{2}\/\d{2}\/\d{4}$/);
    expect(await page.$eval(byTestId('snapshot-ricevuta'), (link) => (link as HTMLAnchorElement).href)).toMatch(/\/api\/documenti\/[0-9a-f-]{36}$/);
    // The demo Bari has no PEC address: the page says the receipt is only here.
    expect(await page.$eval(byTestId('snapshot-senza-pec'), (element) => element.textContent)).toContain('l’ente non ha un indirizzo PEC');
  });

  it('when the referente edits the last official stock in the manual form, fixes the field the platform names and confirms, then the snapshot is MANUALE', async () => {
    const year = new Date().getFullYear();
    const arcaId = server.platform.ref.arcaIds[ARCA_PUGLIA_CENTRALE];
    await loadSnapshot(server.platform.db, process.env.DATABASE_URL!, {
      enteId: arcaId,
      dataRiferimento: `${year - 2}-12-31`,
      tipo: 'FLUSSO',
      buildings: [{ codice: 'PC-1', indirizzo: 'Via Giulio Petroni 15', istatComune: '072006', annoCostruzione: 1978, piani: 6, statoConservazione: 'BUONO' }],
      units: [1, 2, 3].map((n) => ({
        codice: `${ARCA_PUGLIA_CENTRALE}-${n}`, buildingCodice: 'PC-1', foglio: '40', particella: '812', subalterno: String(n), categoria: 'A/3',
        superficie: 60 + n * 5, vani: 3, uso: 'SAP' as const, stato: 'LOCATO' as const, canoneMensile: `${110 + n}.00`,
      })),
    });

    const page = await (await chromium.browser.createBrowserContext()).newPage();
    page.setDefaultTimeout(30_000);
    await page.setViewport({ width: 1600, height: 1000 });
    /** Clicks an element once it is on the page: the views render after their data arrives. */
    const click = async (id: string) => {
      await page.waitForSelector(byTestId(id), { visible: true });
      await page.click(byTestId(id));
    };
    await page.goto(`${server.baseUrl}/flussi`);
    await page.waitForSelector(`button[value="${demoCf('arca-centrale.referente')}"]`);
    await Promise.all([page.waitForNavigation(), page.click(`button[value="${demoCf('arca-centrale.referente')}"]`)]);
    await page.waitForSelector(byTestId('flussi-data'));
    // Chosen, not assumed: another test file may have made this person the representative of a second ente.
    await choose(page, 'flussi-ente', 'ARCA Puglia Centrale');
    await choose(page, 'flussi-data', `31/12/${year - 1}`);
    await click('flussi-apri');
    await page.waitForFunction(() => /^\/flussi\/invio-flussi-[^/]+$/.test(location.pathname));
    await click('inserimento-manuale');
    await page.waitForFunction(() => location.pathname.endsWith('/manuale'));

    // The form starts from the last official stock: its units and building are there to edit.
    const origine = await page.waitForSelector(byTestId('manuale-origine'));
    expect(await origine!.evaluate((node) => node.textContent)).toContain(`ultima trasmissione ufficiale, al 31/12/${year - 2}`);
    const value = (cell: string) => page.$eval(`${byTestId(cell)} input`, (input) => (input as HTMLInputElement).value);
    await page.waitForSelector(`${byTestId('unita-2-codice')} input`);
    expect(await value('unita-2-codice')).toBe(`${ARCA_PUGLIA_CENTRALE}-3`);
    expect(await value('unita-0-superficie')).toBe('65');
    const retype = async (cell: string, text: string) => {
      await page.click(`${byTestId(cell)} input`, { clickCount: 3 });
      await page.keyboard.press('Backspace');
      await page.type(`${byTestId(cell)} input`, text);
    };

    // A new unit of the same building, copied from the third; and a wrong surface on the first.
    await click('unita-2-copia');
    await page.waitForSelector(`${byTestId('unita-3-codice')} input`);
    expect(await value('unita-3-codice')).toBe(`${ARCA_PUGLIA_CENTRALE}-`);
    await page.click(`${byTestId('unita-3-codice')} input`);
    await page.keyboard.press('End');
    await page.keyboard.type('4');
    await page.type(`${byTestId('unita-3-subalterno')} input`, '4');
    await retype('unita-0-superficie', '0');
    await click('manuale-invia');
    const problemi = await page.waitForSelector(byTestId('manuale-problemi'));
    expect(await problemi!.evaluate((node) => node.textContent)).toContain(`unità 1 (${ARCA_PUGLIA_CENTRALE}-1), superficie: deve essere maggiore di 0 m²`);
    expect(await page.$eval(`${byTestId('unita-0-superficie')} .v-messages`, (node) => node.textContent)).toContain('deve essere maggiore di 0 m²');

    await retype('unita-0-superficie', '82,5');
    await click('manuale-invia');
    await page.waitForFunction(() => /^\/flussi\/invio-flussi-[^/]+$/.test(location.pathname));
    await rowWith(page, 'Valido');
    await page.waitForSelector(byTestId('caricamento-manuale'));
    await page.waitForSelector(byTestId('problemi'));
    expect(await page.$eval(byTestId('rapporto-pdf-link'), (link) => (link as HTMLAnchorElement).href)).toMatch(/rapporto\.pdf$/);

    await page.waitForSelector(byTestId('vai-conferma'));
    await Promise.all([page.waitForFunction(() => location.pathname.startsWith('/attivita/')), page.click(byTestId('vai-conferma'))]);
    await page.waitForSelector(byTestId('field-azione-CONFERMA'));
    await page.click(`${byTestId('field-azione-CONFERMA')} input`);
    await page.waitForSelector(byTestId('field-upload'));
    await choose(page, 'field-upload', 'inserimento manuale, 4 unità');
    await click('form-submit');
    await page.waitForFunction(() => location.pathname === '/attivita');

    const workflowId = `invio-flussi-${arcaId}-${year - 1}-12-31`;
    await server.platform.client.workflow.getHandle(workflowId).result();
    const snapshot = await server.platform.db.stockSnapshot.findFirstOrThrow({ where: { workflowId } });
    expect(snapshot).toMatchObject({ tipo: 'MANUALE', unitsCount: 4, buildingsCount: 1 });
    const units = await server.platform.db.housingUnit.findMany({ where: { snapshotId: snapshot.id }, orderBy: { codice: 'asc' } });
    expect(units.map((unit) => [unit.codice, unit.superficie, unit.subalterno])).toEqual([
      [`${ARCA_PUGLIA_CENTRALE}-1`, 82.5, '1'],
      [`${ARCA_PUGLIA_CENTRALE}-2`, 70, '2'],
      [`${ARCA_PUGLIA_CENTRALE}-3`, 75, '3'],
      [`${ARCA_PUGLIA_CENTRALE}-4`, 75, '4'],
    ]);
  });
});
