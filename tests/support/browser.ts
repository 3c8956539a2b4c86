// Debian's Chromium driven by puppeteer-core: one fresh profile per browser, always closed and removed.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
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

/**
 * Waits until nothing on the page is moving but what moves for ever (a spinner): dialogs faded in, messages
 * swapped. A click during a transition can miss its target, and text half-way through one has not its colour
 * yet. A finite animation that has finished but holds its last frame counts as settled.
 */
export function animationsSettled(page: Page): Promise<unknown> {
  return page.waitForFunction(
    () => document.getAnimations().every((animation) => animation.playState !== 'running' || animation.effect?.getTiming().iterations === Infinity),
    { polling: 100 },
  );
}

/**
 * The open dialogs of a page and those whose card lets the page show through (a background with alpha
 * below 1): a readable dialog is solid. `open` makes the check fail when no dialog is open at all.
 */
export function dialogBackgrounds(page: Page): Promise<{ open: number; seeThrough: string[] }> {
  return page.$$eval('.v-dialog.v-overlay--active .v-overlay__content > .v-card', (cards) => {
    const alphaOf = (color: string) => {
      const parts = /rgba?\(([^)]*)\)/.exec(color)?.[1]?.split(',').map((part) => Number(part.trim()));
      if (!parts) return color === 'transparent' ? 0 : 1;
      return parts.length === 4 ? parts[3]! : 1;
    };
    const seeThrough = cards.filter((card) => alphaOf(getComputedStyle(card).backgroundColor) < 1).map((card) => (card.textContent ?? '').trim().slice(0, 60));
    return { open: cards.length, seeThrough };
  });
}

/**
 * Opens, from the inbox, the task whose row says `wanted`: clicked until its page shows, since the live
 * inbox may redraw the rows between finding the link and clicking it (tasks of other tests change too).
 */
export async function openTaskRow(page: Page, wanted: string): Promise<void> {
  await page.waitForFunction((rowSelector, linkSelector, text) => {
    if (location.pathname.startsWith('/attivita/')) return true;
    const row = [...document.querySelectorAll(rowSelector)].find((candidate) => candidate.textContent?.includes(text));
    row?.querySelector<HTMLElement>(linkSelector)?.click();
    return false;
  }, { polling: 300 }, '[data-testid="task-row"]', '[data-testid="task-link"]', wanted);
}

/**
 * Chooses `wanted` in a Vuetify select: opened until its list shows the option (a select in a dialog that
 * is still growing in, or still loading its items, ignores the first press), then clicked.
 */
export async function chooseOption(page: Page, testId: string, wanted: string): Promise<void> {
  const option = '.v-overlay-container .v-list-item';
  await page.waitForFunction((field, selector, text) => {
    if ([...document.querySelectorAll(selector)].some((item) => item.textContent?.includes(text))) return true;
    document.querySelector<HTMLElement>(`${field} .v-field`)?.dispatchEvent(new MouseEvent('mousedown', { bubbles: true }));
    return false;
  }, { polling: 500 }, `[data-testid="${testId}"]`, option, wanted);
  await page.evaluate((selector, text) => [...document.querySelectorAll<HTMLElement>(selector)].find((item) => item.textContent?.includes(text))!.click(), option, wanted);
}

/**
 * Clicks `target` with the mouse, as a person does, until `done` is on the page (with `text` in it, when
 * given): at most three times, each given 5 s to take. One CI run lost a click on a signing form whose act
 * preview was still loading (cause not established); a click that had to be made again is reported on the
 * console, so that it shows in the log instead of passing unseen.
 */
export async function clickUntil(page: Page, target: string, done: string, text?: string): Promise<void> {
  const shown = (doneSelector: string, wanted: string | undefined) => {
    const found = document.querySelector(doneSelector);
    return Boolean(found && (!wanted || found.textContent?.includes(wanted)));
  };
  for (let attempt = 1; attempt <= 3; attempt++) {
    await page.click(target);
    const took = await page.waitForFunction(shown, { timeout: 5_000, polling: 100 }, done, text).then(() => true, () => false);
    if (took) return;
    console.warn(`clickUntil: the click ${attempt} on ${target} did not bring ${done}${text ? ` with «${text}»` : ''}`);
  }
  throw new Error(`${target} clicked three times: ${done}${text ? ` with «${text}»` : ''} never showed`);
}
