import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { PdfRenderer } from './pdf-renderer';
import { createSerialQueue, withTimeout } from './serial';
import { createTemplateEngine, type RenderedDocument } from './templates';

/** ENVIRONMENT.md's flags for Debian's Chromium on these machines (puppeteer adds --headless). */
const CHROMIUM_FLAGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
];

export interface ChromiumPdfRendererSettings {
  /** Folder of the `.hbs` templates; default the project's `templates/`. */
  templatesDir?: string;
  /** Chromium executable; default CHROMIUM_PATH, else /usr/bin/chromium. */
  chromiumPath?: string;
  /** Limit of each step (launch, page, content, print, close), in ms; default 20 s. */
  timeoutMs?: number;
}

export interface ChromiumPdfRenderer extends PdfRenderer {
  /** The templates it can render. */
  readonly templates: string[];
  /** Chromium launches so far: a warm renderer launches once, and once more after a crash. */
  readonly launches: number;
  /** Pid of the running Chromium, which leads the process group of all its processes. */
  browserPid(): number | undefined;
}

interface Session {
  browser: Browser;
  profileDir: string;
  page?: Page;
}

/** Kills the whole Chromium process group; one already gone is fine. */
function killProcessGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/**
 * PDFs from handlebars templates, printed by a warm Chromium: launched on the first render, reused
 * after, one render at a time on one reused page (about 3x faster than a page per PDF). A browser that
 * crashed or timed out is thrown away whole and a new one launched on the next render; a render that
 * finds the warm browser dead retries once on a fresh one. Pages run no JavaScript and load nothing
 * but the HTML they are given.
 *
 * Settings: `templatesDir`, `chromiumPath`, `timeoutMs`.
 */
export function createChromiumPdfRenderer(settings: ChromiumPdfRendererSettings = {}): ChromiumPdfRenderer {
  const engine = createTemplateEngine(settings.templatesDir);
  const chromiumPath = settings.chromiumPath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const timeoutMs = settings.timeoutMs ?? 20_000;
  const queue = createSerialQueue();
  let session: Session | undefined;
  let launches = 0;
  let closed = false;

  async function launch(): Promise<Session> {
    if (!existsSync(chromiumPath)) {
      throw new Error(`Chromium not found at ${chromiumPath}: run \`npm run setup\` (installs Debian's chromium) or set CHROMIUM_PATH.`);
    }
    const profileDir = await mkdtemp(path.join(os.tmpdir(), 'push-pdf-chromium-'));
    try {
      const browser = await puppeteer.launch({
        executablePath: chromiumPath,
        headless: true,
        pipe: true,
        timeout: timeoutMs,
        // Every DevTools call then fails after timeoutMs instead of puppeteer's 3 minutes.
        protocolTimeout: timeoutMs,
        args: [...CHROMIUM_FLAGS, `--user-data-dir=${profileDir}`],
      });
      launches += 1;
      return { browser, profileDir };
    } catch (error) {
      await rm(profileDir, { recursive: true, force: true, maxRetries: 3 });
      throw error;
    }
  }

  /** Closes the browser, kills what is left of it, and removes its profile. Never throws for the browser. */
  async function discard(): Promise<void> {
    const current = session;
    session = undefined;
    if (!current) return;
    const pid = current.browser.process()?.pid;
    if (current.browser.connected) {
      // A browser that will not close in time is killed just below: that is the handling.
      await withTimeout(current.browser.close(), timeoutMs, 'close browser').catch(() => undefined);
    }
    // Also after a clean close: no renderer or zygote process of this browser may outlive it.
    killProcessGroup(pid);
    await rm(current.profileDir, { recursive: true, force: true, maxRetries: 3 });
  }

  async function pageOf(current: Session): Promise<Page> {
    if (current.page && !current.page.isClosed()) return current.page;
    const page = await withTimeout(current.browser.newPage(), timeoutMs, 'new page');
    // Templates need no script and no network: whatever a document's data contained, nothing runs or loads.
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
    page.on('request', (request) => void (request.url().startsWith('data:') ? request.continue() : request.abort()));
    current.page = page;
    return page;
  }

  async function print(document: RenderedDocument): Promise<Buffer> {
    if (session && !session.browser.connected) await discard();
    session ??= await launch();
    const page = await pageOf(session);
    await page.setContent(document.html, { waitUntil: 'load', timeout: timeoutMs });
    const pdf = await page.pdf({
      format: 'A4',
      // The layout's @page rule sets the margins, which hold the footer.
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<span></span>',
      footerTemplate: document.footerHtml,
      timeout: timeoutMs,
    });
    return Buffer.from(pdf);
  }

  type Outcome = { ok: true; pdf: Buffer } | { ok: false; error: unknown; crashed: boolean };

  /** A browser that failed a render (crashed, hung, or left a page in an unknown state) is not reused. */
  async function printOnce(document: RenderedDocument): Promise<Outcome> {
    try {
      return { ok: true, pdf: await print(document) };
    } catch (error) {
      const crashed = session?.browser.connected !== true;
      await discard();
      return { ok: false, error, crashed };
    }
  }

  return {
    templates: engine.names,
    get launches() {
      return launches;
    },
    browserPid: () => session?.browser.process()?.pid,

    render(template: string, data: object): Promise<Buffer> {
      return queue.run(async () => {
        if (closed) throw new Error('PDF renderer closed: create a new one.');
        // Template and data errors surface before the browser is touched.
        const document = engine.render(template, data);
        const warm = session?.browser.connected === true;
        let outcome = await printOnce(document);
        // A warm browser found dead (killed, out of memory) is the one failure a fresh browser fixes now.
        if (!outcome.ok && outcome.crashed && warm) outcome = await printOnce(document);
        if (!outcome.ok) throw outcome.error;
        return outcome.pdf;
      });
    },

    close(): Promise<void> {
      // Queued: a render already asked for finishes first; any asked for later is refused.
      return queue.run(async () => {
        closed = true;
        await discard();
      });
    },
  };
}
