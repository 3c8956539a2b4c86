/// <reference lib="dom" />
// Invio flussi in the browser, as the Comune's PATRIMONIO referente: upload a flusso with errors, read
// the report, upload the corrected one, confirm it from the task; it becomes the official snapshot.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
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

  /** Waits for a row of the attempts table to show an outcome. */
  const rowWith = (page: Page, text: string) =>
    page.waitForFunction((selector, wanted) => [...document.querySelectorAll(selector)].find((row) => row.textContent?.includes(wanted)), { polling: 200 }, byTestId('caricamento-row'), text);

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

    const page = await (await chromium.browser.createBrowserContext()).newPage();
    page.setDefaultTimeout(30_000);
    await page.setViewport({ width: 1366, height: 900 });
    await page.goto(`${server.baseUrl}/flussi`);
    await page.waitForSelector(`button[value="${demoCf('bari.referente')}"]`);
    await Promise.all([page.waitForNavigation(), page.click(`button[value="${demoCf('bari.referente')}"]`)]);
    await page.waitForSelector(byTestId('flussi-data'));
    await choose(page, 'flussi-data', '30/06/2026');
    await page.click(byTestId('flussi-apri'));
    await page.waitForFunction(() => /^\/flussi\/invio-flussi-/.test(location.pathname));

    const upload = async (file: string) => {
      const input = await page.waitForSelector(`${byTestId('flusso-file')} input[type=file]`);
      await input!.uploadFile(file);
      await page.click(byTestId('flusso-carica'));
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
    await choose(page, 'field-upload', 'Caricamento n. 2');
    await page.click(byTestId('form-submit'));
    await page.waitForFunction(() => location.pathname === '/attivita');

    const bari = server.platform.ref.demoComuneIds[COMUNE_BARI];
    const workflowId = `invio-flussi-${bari}-${DATA}`;
    await server.platform.client.workflow.getHandle(workflowId).result();
    const snapshot = await server.platform.db.stockSnapshot.findFirstOrThrow({ where: { workflowId } });
    expect(snapshot).toMatchObject({ tipo: 'FLUSSO', unitsCount: 40 });
    await page.goto(`${server.baseUrl}/flussi/${workflowId}`);
    await page.waitForSelector(byTestId('trasmissione-registrata'));
  });
});
