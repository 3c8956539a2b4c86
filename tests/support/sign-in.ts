// Signs in through the real OpenID Connect flow with plain fetch, as a browser would, and returns a
// session that sends the cookie and the CSRF token with every request.

export interface ApiSession {
  csrfToken: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  json<T = unknown>(path: string, init?: RequestInit): Promise<{ status: number; body: T }>;
  postJson<T = unknown>(path: string, body: unknown): Promise<{ status: number; body: T }>;
}

/** Cookies by name; the app and the identity provider both live on localhost (cookies ignore ports). */
class CookieJar {
  private readonly cookies = new Map<string, string>();
  store(response: Response): void {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const index = pair!.indexOf('=');
      const name = pair!.slice(0, index).trim();
      const value = pair!.slice(index + 1).trim();
      if (/expires=Thu, 01 Jan 1970/i.test(header) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

async function follow(jar: CookieJar, url: string, init: RequestInit = {}): Promise<Response> {
  let response = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: jar.header() } });
  jar.store(response);
  let current = url;
  for (let hops = 0; response.status >= 300 && response.status < 400; hops++) {
    if (hops > 15) throw new Error('too many redirects');
    current = new URL(response.headers.get('location')!, current).toString();
    response = await fetch(current, { redirect: 'manual', headers: { cookie: jar.header() } });
    jar.store(response);
  }
  Object.defineProperty(response, 'finalUrl', { value: current });
  return response;
}

export async function signIn(baseUrl: string, codiceFiscale: string): Promise<ApiSession> {
  const jar = new CookieJar();
  const loginPage = await follow(jar, `${baseUrl}/auth/login?returnTo=/`);
  const loginUrl = (loginPage as Response & { finalUrl: string }).finalUrl;
  if (!/\/interaction\//.test(loginUrl)) throw new Error(`expected the identity provider's login page, got ${loginUrl}`);
  const landed = await follow(jar, `${loginUrl.replace(/\/$/, '')}/select`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ codiceFiscale }).toString(),
  });
  if (!(landed as Response & { finalUrl: string }).finalUrl.startsWith(baseUrl)) {
    throw new Error(`sign-in did not return to the platform (status ${landed.status})`);
  }
  const me = await fetch(`${baseUrl}/api/me`, { headers: { cookie: jar.header() } });
  if (me.status !== 200) throw new Error(`/api/me answered ${me.status} after sign-in`);
  const { csrfToken } = (await me.json()) as { csrfToken: string };

  const send = (path: string, init: RequestInit = {}) =>
    fetch(`${baseUrl}${path}`, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers ?? {}), cookie: jar.header(), 'x-csrf-token': csrfToken },
    });
  const json = async <T>(path: string, init?: RequestInit) => {
    const response = await send(path, init);
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
  };
  return {
    csrfToken,
    fetch: send,
    json,
    postJson: (path, body) => json(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  };
}
