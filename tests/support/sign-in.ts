// Signs in through the real OpenID Connect flow, as a browser would (cookies and redirects by hand),
// and returns a session that sends the cookie and the CSRF token with every API request.
import { Browser } from './http-browser';

export interface ApiSession {
  csrfToken: string;
  /** The session cookie, for a test that speaks raw HTTP (a request cut in the middle). */
  cookie: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  json<T = unknown>(path: string, init?: RequestInit): Promise<{ status: number; body: T }>;
  postJson<T = unknown>(path: string, body: unknown): Promise<{ status: number; body: T }>;
}

/** Signs in as a listed identity, or as a new person when `newPerson` gives their name. */
export async function signIn(baseUrl: string, codiceFiscale: string, newPerson?: { nome: string; cognome: string }): Promise<ApiSession> {
  const browser = new Browser();
  const loginPage = await browser.visit(`${baseUrl}/auth/login?returnTo=/`);
  if (!/\/interaction\//.test(loginPage.url)) throw new Error(`expected the identity provider's login page, got ${loginPage.url}`);
  const landed = await browser.visit(`${loginPage.url.replace(/\/$/, '')}/${newPerson ? 'custom' : 'select'}`, {
    method: 'POST',
    body: new URLSearchParams(newPerson ? { codiceFiscale, ...newPerson, email: '' } : { codiceFiscale }),
  });
  if (!landed.url.startsWith(baseUrl)) throw new Error(`sign-in did not return to the platform: ${landed.url}`);
  const cookie = `push.sid=${browser.cookie(new URL(baseUrl).hostname, 'push.sid')}`;
  const me = await fetch(`${baseUrl}/api/me`, { headers: { cookie } });
  if (me.status !== 200) throw new Error(`/api/me answered ${me.status} after sign-in`);
  const { csrfToken } = (await me.json()) as { csrfToken: string };

  const send = (path: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${path}`, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie, 'x-csrf-token': csrfToken } });
  const json = async <T>(path: string, init?: RequestInit) => {
    const response = await send(path, init);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
  return {
    csrfToken,
    cookie,
    fetch: send,
    json,
    postJson: (path, body) => json(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  };
}
