/// <reference lib="dom" />
// The whole accreditation in the browser: a new legal representative signs in and requests it, the
// istruttore approves, the dirigente signs; it ends with a signed PDF that pdfsig verifies, a segnatura
// valid against the AgID schema and a PEC delivered with its receipts.
import { demoCf } from '../support/demo';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from 'puppeteer-core';
import { verifyPdfWithPdfsig } from '../../activities/signature/verify';
import { loadActor } from '../../api/auth/actor';
import { submitAccreditamento } from '../../api/accreditamenti/submit';
import { completeTaskUpdate } from '../../workflows/shared/tasks';
import { eventually } from '../support/platform';
import { codiceFiscaleCheckChar } from '../../workflows/shared/codice-fiscale';
import { validateWithXmllint } from '../support/segnatura-schema';
import { animationsSettled, clickUntil, dialogBackgrounds, openTaskRow, startBrowserTest, type TestBrowser } from '../support/browser';
import type { TestServer } from '../support/api-server';

const byTestId = (id: string) => `[data-testid="${id}"]`;
const REPRESENTATIVE = { codiceFiscale: `LTRNGL66M12E038${codiceFiscaleCheckChar('LTRNGL66M12E038')}`, nome: 'Angelo', cognome: 'Latorre' };

describe('accreditamento ente in the browser', () => {
  let server: TestServer;
  let chromium: TestBrowser;

  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ server, chromium, close } = await startBrowserTest());
  });
  afterAll(() => close?.());

  async function newPage(url: string): Promise<Page> {
    const context = await chromium.browser.createBrowserContext();
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await page.setViewport({ width: 1366, height: 900 });
    await page.goto(`${server.baseUrl}${url}`);
    return page;
  }

  /** The page at 1440×900 and at a phone's width, in a tab of its own, kept for a person to look at (tests/e2e/screenshots, not committed). */
  async function screenshots(url: string, context: BrowserContext, name: string): Promise<void> {
    const dir = path.join(__dirname, 'screenshots');
    await mkdir(dir, { recursive: true });
    const tab = await context.newPage();
    for (const [suffix, viewport] of [['1440', { width: 1440, height: 900 }], ['telefono', { width: 390, height: 844, isMobile: true }]] as const) {
      await tab.setViewport(viewport);
      await tab.goto(url);
      await tab.waitForSelector(byTestId('file-list'));
      await tab.screenshot({ path: path.join(dir, `${name}-${suffix}.png`) as `${string}.png`, fullPage: true });
      // The outcome form with an esito that asks for more: its text, its days and what happens next.
      // Clicked until the form answers: the tab may still be wiring the form when the radio first shows.
      await tab.waitForFunction((esito, field) => {
        if (document.querySelector(field)) return true;
        document.querySelector<HTMLInputElement>(`${esito} input`)?.click();
        return false;
      }, { polling: 250 }, byTestId('field-esito-INTEGRAZIONE'), byTestId('field-giorniIntegrazione'));
      await tab.screenshot({ path: path.join(dir, `${name}-integrazione-${suffix}.png`) as `${string}.png`, fullPage: true });
    }
    await tab.close();
  }

  /** The identity provider's page: a listed identity, or another one typed in. */
  async function signInAs(page: Page, identity: string | typeof REPRESENTATIVE, landing: string): Promise<void> {
    if (typeof identity === 'string') {
      await page.waitForSelector(`button[value="${identity}"]`);
      await Promise.all([page.waitForNavigation(), page.click(`button[value="${identity}"]`)]);
    } else {
      // The form for an identity not in the list sits in a collapsed section: open it as a person would.
      await page.waitForSelector('#codiceFiscale');
      await page.evaluate(() => document.querySelector('#codiceFiscale')!.closest('details')?.setAttribute('open', ''));
      await page.type('#codiceFiscale', identity.codiceFiscale);
      await page.type('#nome', identity.nome);
      await page.type('#cognome', identity.cognome);
      await Promise.all([page.waitForNavigation(), page.$eval('#codiceFiscale', (input) => (input as HTMLInputElement).form!.requestSubmit())]);
    }
    await page.waitForFunction((want) => location.pathname === want, {}, landing).catch(async (e) => { throw new Error(`landed on ${page.url()} not ${landing}: ${e}`); });
  }

  const textOf = (page: Page, selector: string) => page.$eval(selector, (node) => node.textContent ?? '');

  /** The dirigente sees the act in the page, cannot sign without confirming they read it, then confirms. */
  async function signAfterReading(page: Page): Promise<void> {
    const src = await page.$eval(`${byTestId('documento-anteprima')}`, (frame) => (frame as HTMLIFrameElement).src);
    const shown = await page.evaluate(async (url) => {
      const response = await fetch(url);
      return { type: response.headers.get('content-type'), disposition: response.headers.get('content-disposition'), size: (await response.arrayBuffer()).byteLength };
    }, src);
    expect(shown.type).toBe('application/pdf');
    expect(shown.disposition).toMatch(/^inline;/);
    expect(shown.size).toBeGreaterThan(10_000);
    const dir = path.join(__dirname, 'screenshots');
    await page.setViewport({ width: 1440, height: 900 });
    await page.screenshot({ path: path.join(dir, 'attivita-firma-1440.png'), fullPage: true });
    await clickUntil(page, byTestId('form-submit'), byTestId('field-impronta'), 'Conferma di aver letto il documento');
    await clickUntil(page, `${byTestId('field-impronta')} input`, `${byTestId('field-impronta')} input:checked`);
    await page.click(byTestId('form-submit'));
    await page.waitForSelector(byTestId('conferma-dialog'), { visible: true });
    expect(await dialogBackgrounds(page)).toEqual({ open: 1, seeThrough: [] });
    // Photographed once it has faded in.
    await page.waitForFunction((selector) => getComputedStyle(document.querySelector(selector)!.closest('.v-overlay__content')!).opacity === '1', {}, byTestId('conferma-dialog'));
    await page.screenshot({ path: path.join(dir, 'attivita-firma-conferma-1440.png') });
    // On a phone the act opens in its own tab: the page offers the button instead of the preview.
    const phone = await page.browserContext().newPage();
    await phone.setViewport({ width: 390, height: 844, isMobile: true });
    await phone.goto(page.url());
    await phone.waitForSelector(byTestId('documento-apri'));
    expect(await phone.$(byTestId('documento-anteprima'))).toBeNull();
    await phone.screenshot({ path: path.join(dir, 'attivita-firma-telefono.png'), fullPage: true });
    await phone.close();
    await page.bringToFront();
    await page.click(byTestId('conferma-invia'));
  }

  async function openInbox(identity: string): Promise<Page> {
    const page = await newPage('/attivita?vista=gruppi');
    await signInAs(page, identity, '/attivita');
    return page;
  }

  async function decideTask(identity: string | Page, titolo: string, esito: string): Promise<void> {
    const page = typeof identity === 'string' ? await openInbox(identity) : identity;
    await page.bringToFront();
    await openTaskRow(page, titolo);
    await page.waitForSelector(byTestId(`field-esito-${esito}`));
    if (esito === 'APPROVA') {
      // The review shows the documents of the request: the act of appointment the representative uploaded.
      await page.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('Atto di nomina del rappresentante legale'), { polling: 200 }, byTestId('file-list'));
      await screenshots(page.url(), page.browserContext(), 'attivita-istruttoria-documenti');
    }
    await clickUntil(page, `${byTestId(`field-esito-${esito}`)} input`, `${byTestId(`field-esito-${esito}`)} input:checked`);
    if (esito === 'FIRMA') await signAfterReading(page);
    else await page.click(byTestId('form-submit'));
    await page.waitForFunction(() => location.pathname === '/attivita');
    await page.browserContext().close();
  }

  it('when people sign in for the first time from the home page, then a new person lands on accreditation, where they can act, and a referente on their tasks', async () => {
    const newcomer = await newPage('/');
    await signInAs(newcomer, { codiceFiscale: `NVPPRS75A01A662${codiceFiscaleCheckChar('NVPPRS75A01A662')}`, nome: 'Nuova', cognome: 'Persona' }, '/accreditamenti');
    await newcomer.waitForSelector(byTestId('nav-accreditamento'));
    // Nothing else to do yet: no inbox in the menu, and the way to ask for an accreditation in view.
    expect(await newcomer.$(byTestId('nav-attivita'))).toBeNull();
    await newcomer.waitForSelector(byTestId('accreditamento-nuova'), { visible: true });
    await newcomer.browserContext().close();

    const referente = await newPage('/');
    await signInAs(referente, demoCf('bari.referente'), '/attivita');
    await referente.waitForSelector(byTestId('inbox-tabs'));
    await referente.browserContext().close();
  });

  it('when the representative requests it, the istruttore approves and the dirigente signs, then the ente is accredited with a verified act, segnatura and PEC', async () => {
    const rep = await newPage('/accreditamenti/nuova');
    await signInAs(rep, REPRESENTATIVE, '/accreditamenti/nuova');
    await rep.waitForSelector(byTestId('accreditamento-tipo-COMUNE'));
    await rep.click(byTestId('accreditamento-tipo-COMUNE'));
    await rep.waitForSelector(`${byTestId('accreditamento-comune')} input`);
    await rep.type(`${byTestId('accreditamento-comune')} input`, 'Gioia del Colle');
    await rep.waitForSelector('.v-overlay-container .v-list-item', { visible: true });
    await rep.keyboard.press('Enter');
    await rep.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('072021'), {}, byTestId('accreditamento-istat'));
    await rep.type(`${byTestId('accreditamento-codice-fiscale')} input`, '82000990729');
    await rep.type(`${byTestId('accreditamento-pec')} input`, 'protocollo@pec.comune.gioiadelcolle.example');
    await rep.type(`${byTestId('accreditamento-sede')} input`, 'Piazza Margherita di Savoia 10, Gioia del Colle');
    await rep.type(`${byTestId('accreditamento-qualifica')} input`, 'Sindaco');
    const upload = await rep.waitForSelector(`${byTestId('accreditamento-atto')} input[type=file]`);
    await upload!.uploadFile(path.join(__dirname, 'fixtures', 'dichiarazione.pdf'));
    await rep.click(byTestId('accreditamento-invia'));
    await rep.waitForFunction(() => /^\/accreditamenti\/[0-9a-f-]{36}$/.test(location.pathname));
    await rep.waitForFunction((selector) => /\d+\/\d{4}/.test(document.querySelector(selector)?.textContent ?? ''), { polling: 200 }, byTestId('protocollo-entrata'));
    const requestPath = await rep.evaluate(() => location.pathname);

    // The dirigente's inbox is open before the act is ready for signing: the task shows up by itself.
    const dirigente = await openInbox(demoCf('regione.dirigente'));
    const waiting = await dirigente.$$eval(byTestId('task-row'), (rows) => rows.filter((row) => row.textContent?.includes('Comune di Gioia del Colle')).length);
    expect(waiting).toBe(0);
    await decideTask(demoCf('regione.istruttore'), 'Istruttoria accreditamento: Comune di Gioia del Colle', 'APPROVA');
    await decideTask(dirigente, 'Firma provvedimento di accreditamento: Comune di Gioia del Colle', 'FIRMA');

    // Signing, protocol and PEC delivery run on: the representative looks again once they are done.
    const request = await server.platform.db.accreditationRequest.findFirstOrThrow({ where: { denominazione: 'Comune di Gioia del Colle' } });
    expect((await server.platform.client.workflow.getHandle(request.workflowId).result()).esito).toBe('ACCREDITATA');
    await rep.goto(`${server.baseUrl}${requestPath}`);
    await rep.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('Accreditata'), {}, byTestId('accreditamento-stato'));
    expect(await textOf(rep, byTestId('protocollo-uscita'))).toMatch(/\d+\/\d{4}/);

    // The act, downloaded in the representative's session as they would, verified by pdfsig.
    const links = await rep.$$eval(byTestId('documento-link'), (anchors) => anchors.map((anchor) => ({ href: (anchor as HTMLAnchorElement).href, text: anchor.textContent ?? '' })));
    const act = links.find((link) => /provvedimento/i.test(link.text))!;
    const bytes = await rep.evaluate(async (href) => [...new Uint8Array(await (await fetch(href)).arrayBuffer())], act.href);
    const signatures = await verifyPdfWithPdfsig(Buffer.from(bytes));
    expect(signatures).toEqual([expect.objectContaining({ valid: true, signerCommonName: 'Antonio De Santis' })]);

    // The segnatura of the act validates against the AgID schema.
    const accredited = await server.platform.db.accreditationRequest.findUniqueOrThrow({ where: { id: request.id } });
    const uscita = await server.platform.db.protocolRegistration.findUniqueOrThrow({ where: { id: accredited.protocolloUscitaId! } });
    expect((await validateWithXmllint(uscita.segnatura!)).valid).toBe(true);

    // The PEC page shows the act delivered, with its two receipts.
    await Promise.all([rep.waitForNavigation(), rep.click(byTestId('pec-link'))]);
    await rep.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('Consegnat'), { polling: 200 }, byTestId('pec-stato'));
    expect(await rep.$$eval(byTestId('pec-ricevuta'), (items) => items.length)).toBe(2);
    // It reads what was sent: the subject as its title, sender and addressee.
    const sent = await server.platform.db.pecMessage.findFirstOrThrow({ where: { workflowId: request.workflowId }, orderBy: { createdAt: 'desc' } });
    expect((await textOf(rep, 'h1.page-title')).trim()).toBe(sent.oggetto);
    expect(await rep.evaluate(() => document.body.innerText)).toContain(sent.destinatario);
    await rep.setViewport({ width: 1440, height: 900 });
    await rep.screenshot({ path: path.join(__dirname, 'screenshots', 'pec-1440.png'), fullPage: true });
    const phone = await rep.browserContext().newPage();
    await phone.setViewport({ width: 390, height: 844, isMobile: true });
    await phone.goto(rep.url());
    await phone.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('Consegnat'), { polling: 200 }, byTestId('pec-stato'));
    await phone.screenshot({ path: path.join(__dirname, 'screenshots', 'pec-telefono.png'), fullPage: true });
    await phone.close();
  });

  it('when the Region asks for an integration, then the representative answers in the generic form with a new act of appointment, filed as its second version', async () => {
    const { db, client } = server.platform;
    const person = { codiceFiscale: `GRCMRA71P41A662${codiceFiscaleCheckChar('GRCMRA71P41A662')}`, nome: 'Maria', cognome: 'Greco' };
    const user = await db.user.create({ data: person });
    const { workflowId, id } = await submitAccreditamento(
      { db, temporal: client, taskQueue: server.platform.taskQueue, regioneEnteId: server.platform.ref.regioneId, storeDocument: (input) => server.platform.adapters.adapters.documents.store(input) },
      { userId: user.id, ...person },
      { tipo: 'ALTRO', denominazione: 'Fondazione Casa Solidale', codiceFiscale: '93000040720', pec: 'fondazione@pec.casasolidale.example', sede: 'Via Sparano 5, Bari', qualifica: 'Presidente' },
      { filename: 'atto.pdf', content: await readFile(path.join(__dirname, 'fixtures', 'dichiarazione.pdf')) },
    );
    const review = await eventually(() => db.task.findFirst({ where: { workflowId, taskKey: 'istruttoria-1', stato: 'APERTA' } }));
    const istruttore = await loadActor(db, server.platform.ref.users['regione.istruttore']);
    await client.workflow.getHandle(workflowId).executeUpdate(completeTaskUpdate, {
      args: [{ taskId: review.id, actor: istruttore, decision: { esito: 'INTEGRAZIONE', richiesta: 'Allegare l’atto di nomina firmato dal consiglio di amministrazione.', giorniIntegrazione: 10 } }],
    });
    const integration = await eventually(() => db.task.findFirst({ where: { workflowId, taskKey: 'integrazione-1', stato: 'APERTA' } }));

    const rep = await newPage(`/attivita/${integration.id}`);
    await signInAs(rep, person, `/attivita/${integration.id}`);
    await rep.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('consiglio di amministrazione'), { polling: 200 }, byTestId('form-richiamo'));
    await rep.type(`${byTestId('field-risposta')} textarea`, 'Si allega l’atto di nomina firmato.');
    const file = await rep.waitForSelector(`${byTestId('field-attoNominaDocumentId')} input[type=file]`);
    await file!.uploadFile(path.join(__dirname, 'fixtures', 'dichiarazione.pdf'));
    await rep.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('dichiarazione.pdf'), { polling: 200 }, byTestId('field-attoNominaDocumentId'));
    // The filled form at 1440×900; the phone's in a tab of its own (a mobile viewport reloads the page).
    const dir = path.join(__dirname, 'screenshots');
    await rep.setViewport({ width: 1440, height: 900 });
    await rep.screenshot({ path: path.join(dir, 'attivita-integrazione-1440.png'), fullPage: true });
    const phone = await rep.browserContext().newPage();
    await phone.setViewport({ width: 390, height: 844, isMobile: true });
    await phone.goto(rep.url());
    await phone.waitForSelector(byTestId('form-richiamo'));
    await phone.screenshot({ path: path.join(dir, 'attivita-integrazione-telefono.png'), fullPage: true });
    await phone.close();
    await rep.click(byTestId('form-submit'));
    await rep.waitForFunction(() => location.pathname === '/attivita');

    // The answer reached the workflow: the request is back in review, with the new act as the second version of the first.
    await eventually(() => db.task.findFirst({ where: { workflowId, taskKey: 'istruttoria-2', stato: 'APERTA' } }));
    const request = await db.accreditationRequest.findUniqueOrThrow({ where: { id } });
    const acts = await db.document.findMany({ where: { workflowId, tipo: 'ATTO_NOMINA' }, orderBy: { version: 'asc' } });
    expect(acts.map((act) => [act.version, act.titolo])).toEqual([
      [1, expect.stringMatching(/^Atto di nomina del rappresentante legale/)],
      [2, 'Atto di nomina del rappresentante legale (integrazione)'],
    ]);
    expect([request.stato, request.attoNominaDocumentId, acts[1]!.previousVersionId]).toEqual(['PROTOCOLLATA', acts[1]!.id, acts[0]!.id]);
    expect((await db.task.findUniqueOrThrow({ where: { id: integration.id } })).outcome).toEqual({ risposta: 'Si allega l’atto di nomina firmato.', attoNominaDocumentId: acts[1]!.id });
    await rep.browserContext().close();
  });

  it('when the rejection’s PEC cannot be delivered, then the administrator corrects the address in the incident and the retry delivers it there', async () => {
    const { db, client } = server.platform;
    const wrong = 'inesistente.segreteria@pec.casaperta.example';
    const corrected = 'segreteria@pec.casaperta.example';
    const person = { codiceFiscale: `PLMNNA68E45A662${codiceFiscaleCheckChar('PLMNNA68E45A662')}`, nome: 'Anna', cognome: 'Palmieri' };
    const user = await db.user.create({ data: person });
    const { workflowId, id } = await submitAccreditamento(
      { db, temporal: client, taskQueue: server.platform.taskQueue, regioneEnteId: server.platform.ref.regioneId, storeDocument: (input) => server.platform.adapters.adapters.documents.store(input) },
      { userId: user.id, ...person },
      { tipo: 'ALTRO', denominazione: 'Cooperativa Casa Aperta', codiceFiscale: '93000070727', pec: wrong, sede: 'Via Cavour 12, Bari', qualifica: 'Presidente' },
      { filename: 'atto.pdf', content: await readFile(path.join(__dirname, 'fixtures', 'dichiarazione.pdf')) },
    );
    const review = await eventually(() => db.task.findFirst({ where: { workflowId, taskKey: 'istruttoria-1', stato: 'APERTA' } }));
    const istruttore = await loadActor(db, server.platform.ref.users['regione.istruttore']);
    await client.workflow.getHandle(workflowId).executeUpdate(completeTaskUpdate, {
      args: [{ taskId: review.id, actor: istruttore, decision: { esito: 'RESPINGI', motivazione: 'La cooperativa non gestisce alloggi di edilizia residenziale pubblica.' } }],
    });
    const incident = await eventually(() => db.incident.findFirst({ where: { workflowId, stato: 'APERTO' } }));

    const row = `[data-incidente-id="${incident.id}"]`;
    const field = `${byTestId('incidente-pec')} input`;
    /** Opens the incident's «Riprova» dialog and writes the corrected address in it. */
    async function correctAddress(page: Page): Promise<void> {
      await page.waitForSelector(`${row} ${byTestId('incidente-riprova')}`);
      await page.click(`${row} ${byTestId('incidente-riprova')}`);
      await page.waitForSelector(byTestId('incidente-dialog'), { visible: true });
      expect(await textOf(page, byTestId('incidente-pec-fallita'))).toContain(`Indirizzo PEC a cui non è stata consegnata: ${wrong}`);
      // Prefilled with the failed address, to be corrected rather than retyped.
      expect(await page.$eval(field, (input) => (input as HTMLInputElement).value)).toBe(wrong);
      await page.$eval(field, (input) => (input as HTMLInputElement).select());
      await page.type(field, corrected);
      // Settled: the dialog faded in, and the hint back in place of the messages shown while typing.
      await animationsSettled(page);
      expect(await page.$(`${byTestId('incidente-pec')}.v-input--error`)).toBeNull();
    }

    const admin = await newPage('/amministrazione/incidenti');
    await signInAs(admin, demoCf('regione.amministratore'), '/amministrazione/incidenti');
    // The dialog at 1440×900 and at a phone's width, each in a tab of its own (a mobile viewport reloads the page).
    const dir = path.join(__dirname, 'screenshots');
    await mkdir(dir, { recursive: true });
    // The 1440 tab, the last opened and so the one in front (a tab behind others may not animate), sends it.
    let tab: Page | undefined;
    for (const [suffix, viewport] of [['telefono', { width: 390, height: 844, isMobile: true }], ['1440', { width: 1440, height: 900 }]] as const) {
      await tab?.close();
      tab = await admin.browserContext().newPage();
      await tab.setViewport(viewport);
      await tab.goto(admin.url());
      await correctAddress(tab);
      await tab.screenshot({ path: path.join(dir, `incidente-pec-corretta-${suffix}.png`) });
    }
    expect(await dialogBackgrounds(tab!)).toEqual({ open: 1, seeThrough: [] });
    await tab!.click(byTestId('incidente-conferma'));
    await tab!.waitForSelector(byTestId('incidente-dialog'), { hidden: true });

    // The procedure sent the rejection again, to the corrected address, and ended; the ente's registry has it too.
    expect((await client.workflow.getHandle(workflowId).result()).esito).toBe('RESPINTA');
    const messages = await db.pecMessage.findMany({ where: { workflowId }, orderBy: { createdAt: 'asc' } });
    expect(messages.map((message) => [message.destinatario, message.stato])).toEqual([[wrong, 'ERRORE'], [corrected, 'CONSEGNATO']]);
    expect(await db.incident.findUniqueOrThrow({ where: { id: incident.id } })).toMatchObject({ stato: 'RITENTATO', pec: wrong });
    const { enteId } = await db.accreditationRequest.findUniqueOrThrow({ where: { id } });
    expect((await db.ente.findUniqueOrThrow({ where: { id: enteId! } })).pec).toBe(corrected);
    await admin.browserContext().close();
  });
});
