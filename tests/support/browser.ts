// Debian's Chromium driven by puppeteer-core: one fresh profile per browser, always closed and removed.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { startTestServer, type TestServer } from './api-server';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface TestBrowser {
  browser: Browser;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: run \`npm run setup\` (installs Debian's chromium) or set CHROMIUM_PATH.`);
  }
  const profile = await mkdtemp(path.join(os.tmpdir(), 'push-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', `--user-data-dir=${profile}`, '--lang=it-IT',
    ],
  });
  return {
    browser,
    async close() {
      await browser.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/** The platform serving the built UI, and a browser: what every end-to-end test starts from. */
export async function startBrowserTest(options: { mapTilesUrl?: string | null } = {}): Promise<{ server: TestServer; chromium: TestBrowser; close(): Promise<void> }> {
  if (!existsSync(path.join(__dirname, '../../ui/dist/index.html'))) {
    throw new Error('ui/dist is missing: run `npm run build:ui` (npm run setup does it) before the browser tests.');
  }
  const server = await startTestServer({ withUi: true, mapTilesUrl: options.mapTilesUrl });
  const chromium = await launchBrowser();
  return {
    server,
    chromium,
    async close() {
      await chromium.close();
      await server.close();
    },
  };
}
