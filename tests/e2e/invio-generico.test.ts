/// <reference lib="dom" />
// The first procedure end to end in the browser: the Comune signs in through OIDC and sends a
// protocolled communication; the Region signs in and takes it in charge; the Comune sees the outcome.
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { chooseOption, clickUntil, dialogBackgrounds, openTaskRow, startBrowserTest, type TestBrowser } from '../support/browser';
import { signIn } from '../support/sign-in';
import { codiceFiscaleCheckChar } from '../../workflows/shared/codice-fiscale';
import type { DemoUserKey } from '../../prisma/seed/demo-users';
import { COMUNE_BARI, COMUNE_LECCE } from '../../prisma/seed/enti';
import { demoCf } from '../support/demo';
import { eventually } from '../support/platform';
import type { TestServer } from '../support/api-server';

const byTestId = (id: string) => `[data-testid="${id}"]`;

describe('invio generico in the browser', () => {
  let server: TestServer;
  let chromium: TestBrowser;

  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ server, chromium, close } = await startBrowserTest());
  });
  afterAll(() => close?.());

  /** A fresh browser context per person: their own cookies, as on their own computer. */
  async function signInAs(key: DemoUserKey, path: string): Promise<Page> {
    const context = await chromium.browser.createBrowserContext();
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await page.goto(`${server.baseUrl}${path}`);
    await page.waitForSelector(`button[value="${demoCf(key)}"]`);
    await Promise.all([page.waitForNavigation(), page.click(`button[value="${demoCf(key)}"]`)]);
    await page.waitForFunction((want) => location.pathname === want, {}, path.split('?')[0]);
    return page;
  }

  async function text(page: Page, selector: string): Promise<string> {
    const element = await page.waitForSelector(selector, { visible: true });
    return (await element!.evaluate((node) => node.textContent ?? '')).trim();
  }

  it('when the Comune sends a communication and the Region takes it in charge, then the Comune sees its protocol number and the outcome', async () => {
    const comune = await signInAs('bari.referente', '/comunicazioni/nuova');
    // The referente acts for one ente only: the form chooses it for them.
    await comune.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('Comune di Bari'), {}, byTestId('comunicazione-ente'));
    await comune.type(`${byTestId('comunicazione-oggetto')} input`, 'Dichiarazione di consistenza nulla');
    await comune.type(`${byTestId('comunicazione-testo')} textarea`, 'Il Comune non possiede alloggi di edilizia residenziale pubblica.');
    const upload = await comune.waitForSelector(`${byTestId('comunicazione-allegati')} input[type=file]`);
    await upload!.uploadFile(path.join(__dirname, 'fixtures', 'dichiarazione.pdf'));
    await comune.click(byTestId('comunicazione-invia'));
    await comune.waitForFunction(() => /^\/comunicazioni\/[0-9a-f-]{36}$/.test(location.pathname));
    const protocollo = await comune.waitForFunction(
      (selector) => document.querySelector(selector)?.textContent?.match(/\d+\/\d{4}/)?.[0],
      { polling: 100 },
      byTestId('protocollo-numero'),
    );
    const numero = (await protocollo.jsonValue()) as string;
    const communicationPath = await comune.evaluate(() => location.pathname);

    const regione = await signInAs('regione.istruttore', '/attivita?vista=gruppi');
    await regione.waitForSelector(byTestId('task-row'));

    // The Ente filter searches every ente on the server as one types: Lecce is far beyond the first 50.
    await regione.click(`${byTestId('filter-ente')} input`);
    await regione.keyboard.type('Lecce');
    const option = '.v-overlay-container .v-list-item';
    await regione.waitForFunction((selector) => [...document.querySelectorAll(selector)].some((item) => item.textContent?.trim() === 'Comune di Lecce'), { polling: 100 }, option);
    await regione.evaluate((selector) => [...document.querySelectorAll<HTMLElement>(selector)].find((item) => item.textContent?.trim() === 'Comune di Lecce')!.click(), option);
    const lecceId = server.platform.ref.demoComuneIds[COMUNE_LECCE];
    await regione.waitForFunction((id) => new URL(location.href).searchParams.get('ente') === id, {}, lecceId);
    // Opened again from its address, the filter names the ente it holds.
    await regione.reload();
    await regione.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('Comune di Lecce'), { polling: 100 }, byTestId('filter-ente'));
    await regione.goto(`${server.baseUrl}/attivita?vista=gruppi`);
    await regione.waitForSelector(byTestId('task-row'));

    // Searched by its protocol number, the communication's task is found; saved as a named view, the
    // search opens again in one click.
    await regione.type(`${byTestId('filter-cerca')} input`, numero);
    await regione.waitForFunction((wanted) => new URL(location.href).searchParams.get('q') === wanted, {}, numero);
    await regione.waitForFunction((selector) => {
      const rows = [...document.querySelectorAll(selector)];
      return rows.length > 0 && rows.every((row) => row.textContent?.includes('Comune di Bari')) && rows.some((row) => row.textContent?.includes('Dichiarazione di consistenza nulla'));
    }, { polling: 100 }, byTestId('task-row'));
    await regione.click(byTestId('viste-salvate'));
    // Menu items are clicked once the menu is there (a pointer click may land while it still grows in).
    await (await regione.waitForSelector(byTestId('vista-salva'), { visible: true }))!.evaluate((item) => (item as HTMLElement).click());
    await regione.waitForSelector(byTestId('vista-dialog'), { visible: true });
    await regione.type(`${byTestId('vista-nome')} input`, 'Protocollo della dichiarazione');
    await regione.click(byTestId('vista-conferma'));
    await regione.waitForSelector(byTestId('vista-dialog'), { hidden: true });
    await regione.goto(`${server.baseUrl}/attivita?vista=gruppi`);
    await regione.waitForSelector(byTestId('task-row'));
    await regione.click(byTestId('viste-salvate'));
    const saved = await regione.waitForSelector(byTestId('vista'), { visible: true });
    await regione.setViewport({ width: 1440, height: 900 });
    await regione.waitForFunction((selector) => getComputedStyle(document.querySelector(selector)!.closest('.v-overlay__content')!).opacity === '1', {}, byTestId('viste-elenco'));
    await regione.screenshot({ path: path.join(__dirname, 'screenshots', 'attivita-viste-salvate-1440.png') });
    expect(await saved!.evaluate((item) => item.textContent?.trim())).toBe('Protocollo della dichiarazione');
    await saved!.evaluate((item) => (item as HTMLElement).click());
    await regione.waitForFunction((wanted) => new URL(location.href).searchParams.get('q') === wanted, {}, numero);
    await regione.waitForFunction((selector, wanted) => document.querySelector<HTMLInputElement>(`${selector} input`)?.value === wanted, {}, byTestId('filter-cerca'), numero);

    await openTaskRow(regione, 'Dichiarazione di consistenza nulla');
    expect(await text(regione, byTestId('task-data'))).toContain(numero.split('/')[0]);
    // A comment with a file, for the colleagues: the task's history shows it, with its attachment.
    await regione.type(`${byTestId('commento-testo')} textarea`, 'Sentito l’ufficio tecnico: nessun alloggio.');
    const allegato = await regione.$(`${byTestId('commento-allegati')} input[type=file]`);
    await allegato!.uploadFile(path.join(__dirname, 'fixtures', 'dichiarazione.pdf'));
    await regione.click(byTestId('commento-invia'));
    await regione.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('Sentito l’ufficio tecnico'), { polling: 100 }, byTestId('storia-commento'));
    expect(await text(regione, byTestId('storia-allegato'))).toContain('dichiarazione.pdf');
    expect(await regione.$eval(`${byTestId('commento-testo')} textarea`, (area) => (area as HTMLTextAreaElement).value)).toBe('');
    await regione.setViewport({ width: 1440, height: 900 });
    await regione.screenshot({ path: path.join(__dirname, 'screenshots', 'attivita-commento-1440.png'), fullPage: true });
    await regione.$eval(byTestId('claim-button'), (button) => (button as HTMLElement).click());
    await regione.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('Giulia Ferrante'), {}, byTestId('task-assegnatario'));
    await regione.click(byTestId('form-submit'));
    expect(await text(regione, `${byTestId('field-esito')} .v-messages__message`)).toMatch(/esito/i);
    await clickUntil(regione, `${byTestId('field-esito-PRESA_IN_CARICO')} input`, `${byTestId('field-esito-PRESA_IN_CARICO')} input:checked`);
    await regione.type(`${byTestId('field-note')} textarea`, 'Assegnata all’ufficio patrimonio');
    await regione.click(byTestId('form-submit'));
    // Back to the list it came from, as it was: the groups' tasks.
    await regione.waitForFunction(() => location.pathname === '/attivita' && new URLSearchParams(location.search).get('vista') === 'gruppi');
    // The completed tab, with its count, says the outcome of each task.
    await regione.waitForFunction((selector) => /^Completate \(\d+\)$/.test(document.querySelector(selector)?.textContent?.trim() ?? ''), { polling: 100 }, byTestId('tab-completate'));
    await regione.click(byTestId('tab-completate'));
    await regione.waitForFunction((selector) => [...document.querySelectorAll(selector)].some((row) => row.textContent?.includes('Dichiarazione di consistenza nulla') && row.textContent.includes('Presa in carico')), { polling: 100 }, byTestId('task-row'));
    // The inbox opens on what waits for the person or their groups.
    await regione.goto(`${server.baseUrl}/attivita`);
    await regione.waitForFunction((selector) => document.querySelector(selector)?.classList.contains('v-tab--selected'), { polling: 100 }, byTestId('tab-da-fare'));

    await comune.goto(`${server.baseUrl}${communicationPath}`);
    await comune.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('Presa in carico'), { polling: 200 }, byTestId('esito'));
    expect(await text(comune, byTestId('protocollo-numero'))).toContain(numero);
    expect(await text(comune, byTestId('esito-note'))).toContain('Assegnata all’ufficio patrimonio');
  });

  it('when the session expires while a communication is being written, then after signing in again the form is as it was', async () => {
    const comune = await signInAs('bari.referente', '/comunicazioni/nuova');
    await comune.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('Comune di Bari'), {}, byTestId('comunicazione-ente'));
    await comune.type(`${byTestId('comunicazione-oggetto')} input`, 'Richiesta di chiarimenti');
    await comune.type(`${byTestId('comunicazione-testo')} textarea`, 'Testo lungo, scritto con cura, che non deve andare perso.');
    // The session ends on the server while the person writes (expiry, or the API restarted without it).
    const cookie = (await comune.cookies()).find((candidate) => candidate.name === 'push.sid')!;
    const sid = /^s:([^.]+)\./.exec(decodeURIComponent(cookie.value))![1]!;
    expect((await server.platform.db.session.deleteMany({ where: { sid } })).count).toBe(1);

    // Sending meets the expired session: sign in again, and land back on the form as it was.
    await Promise.all([comune.waitForNavigation(), comune.click(byTestId('comunicazione-invia'))]);
    await comune.waitForSelector(`button[value="${demoCf('bari.referente')}"]`);
    await Promise.all([comune.waitForNavigation(), comune.click(`button[value="${demoCf('bari.referente')}"]`)]);
    await comune.waitForFunction(() => location.pathname === '/comunicazioni/nuova');
    await comune.waitForSelector(byTestId('bozza-ripristinata'), { visible: true });
    const values = () => comune.evaluate((oggetto, testo) => [
      document.querySelector<HTMLInputElement>(`${oggetto} input`)!.value,
      document.querySelector<HTMLTextAreaElement>(`${testo} textarea`)!.value,
    ], byTestId('comunicazione-oggetto'), byTestId('comunicazione-testo'));
    expect(await values()).toEqual(['Richiesta di chiarimenti', 'Testo lungo, scritto con cura, che non deve andare perso.']);
    await comune.setViewport({ width: 1440, height: 900 });
    await comune.screenshot({ path: path.join(__dirname, 'screenshots', 'comunicazione-bozza-ripristinata-1440.png') });

    // «Ricomincia» empties the form, and the draft is gone for good.
    await comune.click(`${byTestId('bozza-ripristinata')} button`);
    await comune.waitForFunction((selector) => !document.querySelector(selector), {}, byTestId('bozza-ripristinata'));
    expect(await values()).toEqual(['', '']);
    await comune.reload();
    await comune.waitForSelector(`${byTestId('comunicazione-oggetto')} input`);
    expect(await comune.$(byTestId('bozza-ripristinata'))).toBeNull();
    await comune.browserContext().close();
  });

  it("when the Region's istruttore selects two of the group's tasks, then she takes them both and gives them both to a colleague", async () => {
    const bari = await signIn(server.baseUrl, demoCf('bari.referente'));
    const oggetti = ['Richiesta sopralluogo via Napoli', 'Richiesta sopralluogo via Bologna'];
    for (const oggetto of oggetti) {
      const form = new FormData();
      form.set('enteId', server.platform.ref.demoComuneIds[COMUNE_BARI]);
      form.set('oggetto', oggetto);
      form.set('testo', 'Si chiede un sopralluogo congiunto.');
      expect((await bari.json('/api/comunicazioni', { method: 'POST', body: form })).status).toBe(201);
    }
    const collega = await server.platform.db.user.create({
      data: { codiceFiscale: `VRDLCU85M01A662${codiceFiscaleCheckChar('VRDLCU85M01A662')}`, nome: 'Luca', cognome: 'Verdi', roles: { create: { enteId: server.platform.ref.regioneId, ruolo: 'ISTRUTTORE' } } },
    });

    const regione = await signInAs('regione.istruttore', '/attivita?vista=gruppi&q=sopralluogo');
    await regione.setViewport({ width: 1440, height: 900 });
    const rowsSay = (wanted: string) => regione.waitForFunction((selector, count, text) => {
      const rows = [...document.querySelectorAll(selector)];
      return rows.length === count && rows.every((row) => row.textContent?.includes(text));
    }, { polling: 100 }, byTestId('task-row'), oggetti.length, wanted);
    await rowsSay('Non assegnata');
    const selectAll = async () => {
      for (const row of await regione.$$(`${byTestId('task-row')} input[type=checkbox]`)) await row.click();
      await regione.waitForSelector(byTestId('in-blocco'), { visible: true });
    };
    await selectAll();
    await regione.screenshot({ path: path.join(__dirname, 'screenshots', 'attivita-in-blocco-1440.png') });
    await regione.click(byTestId('in-blocco-prendi'));
    await rowsSay('Giulia Ferrante');
    await regione.waitForSelector(byTestId('in-blocco'), { hidden: true });

    await selectAll();
    await regione.click(byTestId('in-blocco-riassegna'));
    await regione.waitForSelector(byTestId('in-blocco-dialog'), { visible: true });
    expect(await dialogBackgrounds(regione)).toEqual({ open: 1, seeThrough: [] });
    await chooseOption(regione, 'in-blocco-candidato', 'Luca Verdi');
    await regione.click(byTestId('in-blocco-conferma'));
    await rowsSay('Luca Verdi');
    const tasks = await server.platform.db.task.findMany({ where: { titolo: { contains: 'sopralluogo' } } });
    expect(tasks.map((task) => task.assigneeId)).toEqual([collega.id, collega.id]);

    // Going on holiday, she names him her substitute, typing the days as gg/mm/aaaa.
    await regione.goto(`${server.baseUrl}/sostituzioni`);
    await regione.waitForSelector(byTestId('sostituzione-form'));
    await chooseOption(regione, 'sostituzione-collega', 'Luca Verdi');
    const italian = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10).split('-').reverse().join('/');
    await regione.type(`${byTestId('sostituzione-dal')} input`, italian(0));
    await regione.type(`${byTestId('sostituzione-al')} input`, italian(7));
    await regione.click(byTestId('sostituzione-invia'));
    await regione.waitForFunction((selector) => document.querySelector(selector)?.textContent?.includes('Luca Verdi'), { polling: 100 }, byTestId('sostituzioni-mie'));
    expect(await text(regione, byTestId('sostituzione'))).toContain(`dal ${italian(0)} al ${italian(7)}`);
    expect(await text(regione, byTestId('sostituzione'))).toContain('In corso');
    await regione.screenshot({ path: path.join(__dirname, 'screenshots', 'sostituzioni-1440.png') });
    const stored = await server.platform.db.substitution.findMany({ where: { sostitutoId: collega.id } });
    expect(stored).toHaveLength(1);
    await regione.browserContext().close();
  });

  it('when a person sends the morning digest to their office, then the local mail server catches it and shows the tasks waiting for them', async () => {
    const who = server.platform.ref.users['regione.istruttore']!;
    const before = await server.platform.db.user.findUniqueOrThrow({ where: { id: who } });
    const regione = await signInAs('regione.istruttore', '/notifiche');
    await regione.setViewport({ width: 1440, height: 900 });
    try {
      const email = `${byTestId('notifiche-email')} input`;
      await regione.waitForFunction((selector) => (document.querySelector(selector) as HTMLInputElement | null)?.value === 'giulia.ferrante@regione-puglia.example', { polling: 100 }, email);
      await regione.click(email, { count: 3 });
      await regione.keyboard.press('Backspace');
      await regione.type(email, 'ufficio.casa@regione-puglia.example');
      await regione.click(byTestId('notifiche-salva'));
      await regione.waitForFunction(() => document.body.textContent?.includes('Riceverai il riepilogo ogni mattina.'), { polling: 100 });
      expect(await server.platform.db.user.findUniqueOrThrow({ where: { id: who } })).toMatchObject({ email: 'ufficio.casa@regione-puglia.example', riepilogoEmail: true });

      // A communication arrives for her group; the next morning (a day of this file's own) the schedule's workflow runs.
      const bari = await signIn(server.baseUrl, demoCf('bari.referente'));
      const form = new FormData();
      form.set('enteId', server.platform.ref.demoComuneIds[COMUNE_BARI]);
      form.set('oggetto', 'Richiesta di accesso agli atti');
      form.set('testo', 'Si chiede copia del verbale di assegnazione.');
      const sent = await bari.json<{ workflowId: string }>('/api/comunicazioni', { method: 'POST', body: form });
      expect(sent.status).toBe(201);
      await eventually(() => server.platform.db.task.findFirst({ where: { workflowId: sent.body.workflowId, stato: 'APERTA' } }));
      await server.platform.client.workflow.execute('riepilogoAttivita', {
        taskQueue: server.platform.taskQueue,
        workflowId: `riepilogo-attivita-e2e-${Date.now()}`,
        args: [{ regioneEnteId: server.platform.ref.regioneId, giorno: '2062-05-20' }],
      });
      const catcher = server.platform.adapters.mailCatcher!;
      await regione.goto(catcher.url);
      const link = await regione.waitForSelector('xpath/.//tr[contains(., "ufficio.casa@regione-puglia.example")]//a');
      await regione.screenshot({ path: path.join(__dirname, 'screenshots', 'posta-locale-1440.png'), fullPage: true });
      await Promise.all([regione.waitForNavigation(), link!.click()]);
      const frame = await (await regione.waitForSelector('iframe'))!.contentFrame();
      await frame.waitForFunction(() => document.body?.textContent?.includes('Buongiorno Giulia, ecco le tue attività del 20/05/2062'), { polling: 100 });
      // The group's new task, a link to its page.
      expect(await frame.evaluate(() => document.body.textContent)).toContain('Presa in carico: Richiesta di accesso agli atti');
      expect(await frame.$$eval('a[href*="/attivita/"]', (links) => links.length)).toBeGreaterThan(0);
      await regione.screenshot({ path: path.join(__dirname, 'screenshots', 'posta-locale-riepilogo-1440.png'), fullPage: true });
      await regione.setViewport({ width: 390, height: 844, isMobile: true });
      await regione.reload();
      await regione.waitForSelector('iframe');
      await regione.screenshot({ path: path.join(__dirname, 'screenshots', 'posta-locale-riepilogo-telefono.png'), fullPage: true });
    } finally {
      await server.platform.db.user.update({ where: { id: who }, data: { email: before.email, riepilogoEmail: before.riepilogoEmail } });
      await regione.browserContext().close();
    }
  });
});
