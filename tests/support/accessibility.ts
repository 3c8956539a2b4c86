/// <reference lib="dom" />
// The accessibility check of the browser tests: axe-core, run in the page, on the WCAG 2.1 A and AA rules
// that Italian public administrations must meet (Legge 4/2004, AgID guidelines).
import { readFile } from 'node:fs/promises';
import type { Page } from 'puppeteer-core';

const WCAG_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let source: Promise<string> | undefined;

interface AxeNode {
  target: string[];
  any: { data?: { fgColor?: string; bgColor?: string; contrastRatio?: number } | null }[];
}

interface AxeResult {
  violations: { id: string; impact: string | null; help: string; nodes: AxeNode[] }[];
}

/** Where, and for contrast the colours found (what to change). */
const where = (node: AxeNode) => {
  const colours = node.any[0]?.data;
  return colours?.contrastRatio ? `${node.target.join(' ')} [${colours.fgColor} su ${colours.bgColor}: ${colours.contrastRatio}]` : node.target.join(' ');
};

/**
 * The page's violations, one line each (rule, impact, how many, where): none, on an accessible page.
 * Evaluated through the DevTools protocol, so the page's Content-Security-Policy does not stop it.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  source ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(await source);
  const result = await page.evaluate(
    (tags) => (window as unknown as { axe: { run(context: Document, options: unknown): Promise<unknown> } }).axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    WCAG_AA,
  ) as AxeResult;
  return result.violations.map((violation) =>
    `${violation.id} (${violation.impact ?? '?'}, ${violation.nodes.length}): ${violation.help} — ${violation.nodes.slice(0, 3).map(where).join(' | ')}`);
}
