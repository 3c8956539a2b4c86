// The local mail catcher over real SMTP (nodemailer, as the platform sends its ordinary mail) and real
// HTTP: what it catches is kept on disk, listed newest first, shown escaped, stored once per Message-ID,
// kept across a restart; a message over the limit is refused. Then in Chromium: the HTML body shows in
// its sandboxed frame, without running scripts or loading anything, and the pages are accessible.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import { type CaughtMail, type MailCatcher, startMailCatcher } from '../../platform/mail-catcher';
import { formatRomeDateTime } from '../../platform/mail-catcher/pages';
import { accessibilityViolations } from '../support/accessibility';
import { launchBrowser } from '../support/browser';

const SENDER = '"PUSH - Regione Puglia" <notifiche@push.localhost>';
const SUBJECT = 'Riepilogo giornaliero: 3 attività <urgenti> & "in scadenza"';

/** A digest as the platform sends it: HTML with a text alternative, and things a page must not run. */
const digest = (extra: Mail.Options = {}): Mail.Options => ({
  from: SENDER,
  to: 'mario.rossi@comune.bari.it',
  bcc: 'archivio@push.localhost',
  subject: SUBJECT,
  html: `<!doctype html><html><body>
<h1>Le tue attività di oggi</h1>
<ul><li>Istruttoria domanda n. 12 – scade il 05/11/2026</li><li>Verifica requisiti &amp; documenti</li></ul>
<p id="segno">nessuno script</p>
<script>document.getElementById('segno').textContent = 'script eseguito'</script>
</body></html>`,
  text: 'Le tue attività di oggi:\n- Istruttoria domanda n. 12 – scade il 05/11/2026\n',
  messageId: `<riepilogo-${randomUUID()}@push.localhost>`,
  ...extra,
});

describe('the local mail catcher', () => {
  let dir: string;
  let catcher: MailCatcher;

  const send = async (message: Mail.Options, smtpPort = catcher.smtpPort) => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    try {
      return await transport.sendMail(message);
    } finally {
      transport.close();
    }
  };
  const get = (route: string) => fetch(new URL(route, catcher.url));
  const withMessageId = async (messageId: string) => (await catcher.messages()).filter((mail) => mail.messageId === messageId);

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'push-mail-catcher-'));
    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0, dir });
  });
  afterAll(async () => {
    await catcher.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('when it starts on port 0, then it reports the ports it really listens on', () => {
    expect(catcher.host).toBe('127.0.0.1');
    expect(catcher.smtpPort).toBeGreaterThan(0);
    expect(catcher.httpPort).toBeGreaterThan(0);
    expect(catcher.url).toBe(`http://127.0.0.1:${catcher.httpPort}/`);
  });

  it('when the platform sends an HTML digest, then it is stored and shown escaped in the list, the API and its page', async () => {
    const before = Date.now();
    const message = digest();
    const info = await send(message);
    expect(info.response).toMatch(/^250 /);

    const [mail, ...others] = await withMessageId(message.messageId!);
    expect(others).toEqual([]);
    expect(mail).toMatchObject({
      from: SENDER,
      // The envelope's recipients: the Bcc one too.
      to: ['mario.rossi@comune.bari.it', 'archivio@push.localhost'],
      subject: SUBJECT,
      text: expect.stringContaining('Istruttoria domanda n. 12'),
      html: expect.stringContaining('<h1>Le tue attività di oggi</h1>'),
    });
    expect(new Date(mail!.date).toISOString()).toBe(mail!.date);
    expect(new Date(mail!.date).getTime()).toBeGreaterThanOrEqual(before);
    expect(new Date(mail!.date).getTime()).toBeLessThanOrEqual(Date.now());

    const api = await get('/api/messaggi');
    expect(api.status).toBe(200);
    expect(api.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(((await api.json()) as CaughtMail[]).find((item) => item.id === mail!.id)).toEqual(mail);

    const escapedSubject = 'Riepilogo giornaliero: 3 attività &lt;urgenti&gt; &amp; &quot;in scadenza&quot;';
    const list = await get('/');
    expect(list.status).toBe(200);
    expect(list.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const listHtml = await list.text();
    expect(listHtml).toContain('<html lang="it">');
    expect(listHtml).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(listHtml).toContain('<h1>Posta in arrivo (server di posta locale)</h1>');
    expect(listHtml).toContain('<th scope="col">Data</th><th scope="col">Da</th><th scope="col">A</th><th scope="col">Oggetto</th>');
    expect(listHtml).toContain(`<a href="/messaggi/${mail!.id}">${escapedSubject}</a>`);
    expect(listHtml).toContain(`<time datetime="${mail!.date}">${formatRomeDateTime(mail!.date)}</time>`);
    expect(listHtml).toContain('&quot;PUSH - Regione Puglia&quot; &lt;notifiche@push.localhost&gt;');
    expect(listHtml).not.toContain('<urgenti>');

    const page = await get(`/messaggi/${mail!.id}`);
    expect(page.status).toBe(200);
    const pageHtml = await page.text();
    expect(pageHtml).toContain(`<h1>${escapedSubject}</h1>`);
    expect(pageHtml).toContain('<iframe sandbox srcdoc="&lt;!doctype html&gt;&lt;html&gt;&lt;body&gt;\n&lt;h1&gt;Le tue attività di oggi&lt;/h1&gt;');
    expect(pageHtml).toContain('Verifica requisiti &amp;amp; documenti');
    expect(pageHtml).not.toContain('<script');
    expect(pageHtml).not.toContain('<urgenti>');
    expect(pageHtml).toContain(`Message-ID: ${message.messageId!.replace('<', '&lt;').replace('>', '&gt;')}`);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'none'");

    const source = await get(`/messaggi/${mail!.id}/sorgente`);
    expect(source.status).toBe(200);
    expect(await source.text()).toContain(`Message-ID: ${message.messageId}`);
  });

  it('when a page or a message does not exist, then the answer is a 404 page in Italian', async () => {
    for (const route of ['/messaggi/inesistente', '/messaggi/..%2F..%2Fetc%2Fpasswd', '/altro']) {
      const response = await get(route);
      expect(response.status).toBe(404);
      expect(await response.text()).toContain('<h1>Pagina non trovata</h1>');
    }
  });

  it('when a message is sent again with the same Message-ID, then it is answered 250 and stored once', async () => {
    const message = digest();
    const first = await send(message);
    const again = await send({ ...message, subject: 'Un nuovo tentativo' });
    expect(first.response).toMatch(/^250 /);
    expect(again.response).toMatch(/^250 .*non salvato di nuovo/);
    expect(await withMessageId(message.messageId!)).toEqual([expect.objectContaining({ subject: SUBJECT })]);

    // Two sends of one message at once (a retry racing the first attempt) also leave one.
    const racing = digest();
    await Promise.all([send(racing), send(racing)]);
    expect(await withMessageId(racing.messageId!)).toHaveLength(1);
  });

  it('when messages arrive one after another, then they are listed newest first', async () => {
    const subjects = ['Primo', 'Secondo', 'Terzo'];
    for (const subject of subjects) await send(digest({ subject }));
    const listed = (await catcher.messages()).map((mail) => mail.subject);
    expect(listed.slice(0, 3)).toEqual(['Terzo', 'Secondo', 'Primo']);
    const listHtml = await (await get('/')).text();
    expect(listHtml.indexOf('>Terzo</a>')).toBeLessThan(listHtml.indexOf('>Primo</a>'));
  });

  it('when it restarts over the same folder, then it keeps its messages, and still recognises their Message-IDs', async () => {
    const message = digest();
    await send(message);
    const before = await catcher.messages();
    await catcher.close();

    catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0, dir });
    expect(await catcher.messages()).toEqual(before);
    await send(message);
    expect(await withMessageId(message.messageId!)).toHaveLength(1);
    const api = (await (await get('/api/messaggi')).json()) as CaughtMail[];
    expect(api).toEqual(before);
  });

  it('when a message is over the size limit, then it is refused with 552 and not stored', async () => {
    const smallDir = await mkdtemp(path.join(os.tmpdir(), 'push-mail-catcher-small-'));
    const small = await startMailCatcher({ smtpPort: 0, httpPort: 0, dir: smallDir, maxMessageBytes: 64 * 1024 });
    try {
      // nodemailer does not declare the size in MAIL FROM: the catcher refuses it once the data goes over.
      const attachment = { filename: 'elenco.csv', content: Buffer.alloc(200 * 1024, 'a') };
      await expect(send(digest({ attachments: [attachment] }), small.smtpPort)).rejects.toMatchObject({ responseCode: 552 });
      expect(await small.messages()).toEqual([]);
      const accepted = await send(digest(), small.smtpPort);
      expect(accepted.response).toMatch(/^250 /);
      expect(await small.messages()).toHaveLength(1);
    } finally {
      await small.close();
      await rm(smallDir, { recursive: true, force: true });
    }
  });

  it('when the date is shown, then it is gg/mm/aaaa hh:mm in Italian time, summer and winter', () => {
    expect(formatRomeDateTime('2026-11-05T07:30:00.000Z')).toBe('05/11/2026 08:30');
    expect(formatRomeDateTime('2026-07-01T22:15:00.000Z')).toBe('02/07/2026 00:15');
  });

  describe('in a browser', () => {
    let chromium: Awaited<ReturnType<typeof launchBrowser>>;
    let tracker: Server;
    const trackerHits: string[] = [];

    beforeAll(async () => {
      chromium = await launchBrowser();
      tracker = createServer((req, res) => {
        trackerHits.push(req.url ?? '');
        res.end();
      });
      await new Promise<void>((resolve) => tracker.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      await chromium.close();
      await new Promise((resolve) => tracker.close(resolve));
    });

    it('when a message page is opened, then its HTML shows in the frame without running scripts or loading anything, and the pages are accessible', async () => {
      const { port } = tracker.address() as AddressInfo;
      const message = digest({ html: `${digest().html as string}<img src="http://127.0.0.1:${port}/pixel.gif" alt="">` });
      await send(message);
      const [mail] = await withMessageId(message.messageId!);
      const page = await chromium.browser.newPage();
      try {
        await page.goto(catcher.url);
        await page.waitForSelector('table');
        expect(await accessibilityViolations(page)).toEqual([]);

        await page.goto(new URL(`/messaggi/${mail!.id}`, catcher.url).toString(), { waitUntil: 'load' });
        const frame = await (await page.waitForSelector('iframe'))!.contentFrame();
        expect(await frame.$eval('h1', (element) => element.textContent)).toBe('Le tue attività di oggi');
        expect(await frame.$eval('#segno', (element) => element.textContent)).toBe('nessuno script');
        expect(await page.$eval('h1', (element) => element.textContent)).toBe(SUBJECT);
        expect(await accessibilityViolations(page)).toEqual([]);
        expect(trackerHits).toEqual([]);
      } finally {
        await page.close();
      }
    });
  });
});
