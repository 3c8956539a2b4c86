import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PDFDocument } from 'pdf-lib';
import { createChromiumPdfRenderer, type ChromiumPdfRenderer } from '../../../activities/pdf/chromium-pdf-renderer';
import { DEFAULT_TEMPLATES_DIR } from '../../../activities/pdf/templates';

const sample = (name: string) => JSON.parse(readFileSync(path.join(DEFAULT_TEMPLATES_DIR, 'samples', `${name}.json`), 'utf8')) as Record<string, unknown>;

let workDir: string;
/** The text of a PDF as poppler's pdftotext extracts it: what a reader's search would find. */
async function textOf(pdf: Buffer): Promise<string> {
  const file = path.join(workDir, `${Date.now()}-${Math.random()}.pdf`);
  await writeFile(file, pdf);
  const { stdout } = await promisify(execFile)('pdftotext', ['-enc', 'UTF-8', file, '-']);
  // One space for any run of white space: a phrase may wrap anywhere.
  return stdout.replace(/\s+/g, ' ');
}

/** Live (not zombie) processes of a process group, read from /proc: Chromium's processes share one. */
function liveProcessesInGroup(pgid: number): number[] {
  return readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).flatMap((pid) => {
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid pgrp …"; comm may contain spaces, so split after ')'.
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return Number(pgrp) === pgid && state !== 'Z' ? [Number(pid)] : [];
    } catch {
      return []; // the process ended while being read
    }
  });
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return true;
}

const EXPECTED: Record<string, string[]> = {
  'provvedimento-accreditamento': ['Comune di Bari', '80015010723', 'prot. n. 1482/2026 del 09/11/2026', 'DETERMINA', 'Vito Colella', 'Antonio Desantis', 'Prot. n.'],
  'rigetto-accreditamento': ['Comune di Lecce', '1517/2026', 'DETERMINA', 'non gli conferisce la legale rappresentanza', 'Tribunale Amministrativo Regionale'],
  'ricevuta-protocollo': ['RICEVUTA DI PROTOCOLLAZIONE', 'Prot. n. 1523/2026 del 23/11/2026', 'Comune di Bari', '3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b', 'graduatoria-erp-2026.xlsx'],
};

describe('chromium pdf renderer', () => {
  let renderer: ChromiumPdfRenderer;
  beforeAll(async () => {
    workDir = await mkdtemp(path.join(os.tmpdir(), 'push-pdf-test-'));
    renderer = createChromiumPdfRenderer();
  });
  afterAll(async () => {
    await renderer.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it.each(Object.keys(EXPECTED))('when %s is rendered with its sample, then it is an A4 PDF with the expected text and page numbers', async (name) => {
    const pdf = await renderer.render(name, sample(name));
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const document = await PDFDocument.load(pdf);
    for (const page of document.getPages()) {
      const { width, height } = page.getSize();
      expect(Math.abs(width - 595.28)).toBeLessThan(2);
      expect(Math.abs(height - 841.89)).toBeLessThan(2);
    }
    const text = await textOf(pdf);
    for (const expected of [...EXPECTED[name]!, 'REGIONE PUGLIA', 'SEZIONE POLITICHE ABITATIVE', `Pagina 1 di ${document.getPageCount()}`]) {
      expect(text).toContain(expected);
    }
  });

  it('when data carries markup, then the PDF prints it as text', async () => {
    const pdf = await renderer.render('rigetto-accreditamento', { ...sample('rigetto-accreditamento'), denominazione: '<b>Comune</b> & <i>C.</i>' });
    expect(await textOf(pdf)).toContain('«<b>Comune</b> & <i>C.</i>»');
  });

  it('when documents are rendered one after another or at once, then one browser serves them all', async () => {
    const launchesBefore = renderer.launches;
    await renderer.render('ricevuta-protocollo', sample('ricevuta-protocollo'));
    const pid = renderer.browserPid();
    await renderer.render('ricevuta-protocollo', sample('ricevuta-protocollo'));
    const concurrent = await Promise.all(Object.keys(EXPECTED).map((name) => renderer.render(name, sample(name))));
    expect(concurrent.every((pdf) => pdf.subarray(0, 5).toString('latin1') === '%PDF-')).toBe(true);
    expect(renderer.browserPid()).toBe(pid);
    expect(renderer.launches).toBe(Math.max(launchesBefore, 1));
  });

  it('when the browser is killed, then the next render launches a new one and succeeds', async () => {
    await renderer.render('ricevuta-protocollo', sample('ricevuta-protocollo'));
    const launches = renderer.launches;
    const killed = renderer.browserPid()!;
    process.kill(killed, 'SIGKILL');
    const pdf = await renderer.render('provvedimento-accreditamento', sample('provvedimento-accreditamento'));
    expect(await textOf(pdf)).toContain('DETERMINA');
    expect(renderer.launches).toBe(launches + 1);
    expect(renderer.browserPid()).not.toBe(killed);
    // What was left of the killed browser is gone too.
    expect(await waitFor(() => liveProcessesInGroup(killed).length === 0, 5_000)).toBe(true);
  });

  it('when data lacks a field, then the render fails and the browser stays warm', async () => {
    await renderer.render('ricevuta-protocollo', sample('ricevuta-protocollo'));
    const pid = renderer.browserPid();
    await expect(renderer.render('ricevuta-protocollo', { ...sample('ricevuta-protocollo'), oggetto: null })).rejects.toThrow(/oggetto/);
    await expect(renderer.render('ricevuta-protocollo', { ...sample('ricevuta-protocollo'), oggetto: '  ' })).rejects.toThrow(/oggetto/);
    expect(renderer.browserPid()).toBe(pid);
  });
});

describe('chromium pdf renderer: closing', () => {
  it('when it is closed, then no process of its browser is left and later renders are refused', async () => {
    const renderer = createChromiumPdfRenderer();
    expect(renderer.browserPid()).toBeUndefined(); // launched lazily
    await renderer.render('ricevuta-protocollo', sample('ricevuta-protocollo'));
    const pid = renderer.browserPid()!;
    expect(liveProcessesInGroup(pid).length).toBeGreaterThan(1); // the browser, its zygotes and renderers
    const profiles = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter((arg) => arg.startsWith('--user-data-dir='));
    expect(profiles).toHaveLength(1);

    await renderer.close();
    expect(await waitFor(() => liveProcessesInGroup(pid).length === 0, 5_000)).toBe(true);
    expect(renderer.browserPid()).toBeUndefined();
    const profileDir = profiles[0]!.slice('--user-data-dir='.length);
    expect(readdirSync(path.dirname(profileDir))).not.toContain(path.basename(profileDir));
    await expect(renderer.render('ricevuta-protocollo', sample('ricevuta-protocollo'))).rejects.toThrow('PDF renderer closed');
  });

  it('when a render was asked for before close, then it completes first', async () => {
    const renderer = createChromiumPdfRenderer();
    const render = renderer.render('ricevuta-protocollo', sample('ricevuta-protocollo'));
    const closing = renderer.close();
    expect((await render).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await closing;
    expect(renderer.browserPid()).toBeUndefined();
  });
});
