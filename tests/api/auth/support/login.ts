import type { Browser, Visit } from '../../../support/http-browser';
import type { RunningPlatform } from './platform';

/** The action of the provider's form whose path ends with `suffix` (select, custom, abort). */
export function formAction(page: Visit, suffix: string): string {
  const match = new RegExp(`<form method="post" action="([^"]*/${suffix})"`).exec(page.body);
  if (!match?.[1]) throw new Error(`no form ending in /${suffix} on ${page.url}:\n${page.body.slice(0, 500)}`);
  return new URL(match[1], page.url).href;
}

/** Opens the provider's login page through PUSH's /auth/login. */
export async function openLoginPage(browser: Browser, platform: RunningPlatform, returnTo = '/'): Promise<Visit> {
  return browser.visit(`${platform.baseUrl}/auth/login?returnTo=${encodeURIComponent(returnTo)}`);
}

/** Picks a listed identity and follows the redirects back to PUSH. */
export async function signIn(browser: Browser, platform: RunningPlatform, codiceFiscale: string, returnTo = '/') {
  const loginPage = await openLoginPage(browser, platform, returnTo);
  return browser.visit(formAction(loginPage, 'select'), { method: 'POST', body: new URLSearchParams({ codiceFiscale }) });
}

/** GET /api/me as the UI does it (JSON). */
export async function me(browser: Browser, platform: RunningPlatform) {
  const response = await browser.request(`${platform.baseUrl}/api/me`, { headers: { accept: 'application/json' } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** The session id inside the signed `push.sid` cookie ("s:<sid>.<signature>"). */
export function sessionId(browser: Browser): string | undefined {
  const cookie = browser.cookie('localhost', 'push.sid');
  if (!cookie) return undefined;
  return decodeURIComponent(cookie).replace(/^s:/, '').split('.')[0];
}
