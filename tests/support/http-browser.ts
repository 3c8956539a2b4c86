// Just enough of a browser for the login flow with plain fetch: a cookie jar per host (ports share
// cookies, as in browsers), Path matching, and redirects followed by hand so each hop carries cookies.

interface StoredCookie {
  name: string;
  value: string;
  path: string;
}

export interface Visit {
  response: Response;
  /** The URL of the final response. */
  url: string;
  body: string;
  /** Every URL requested, in order, the first included. */
  hops: string[];
}

function defaultPath(pathname: string): string {
  const slash = pathname.lastIndexOf('/');
  return slash <= 0 ? '/' : pathname.slice(0, slash);
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  return (
    requestPath === cookiePath ||
    (requestPath.startsWith(cookiePath) && (cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/'))
  );
}

export class Browser {
  private readonly jar = new Map<string, Map<string, StoredCookie>>();

  cookie(host: string, name: string): string | undefined {
    return [...(this.jar.get(host)?.values() ?? [])].find((cookie) => cookie.name === name)?.value;
  }

  /** One request, no redirect followed. */
  async request(url: string, init: { method?: string; body?: URLSearchParams; headers?: Record<string, string> } = {}) {
    const target = new URL(url);
    const cookies = [...(this.jar.get(target.hostname)?.values() ?? [])]
      .filter((cookie) => pathMatches(target.pathname, cookie.path))
      .map((cookie) => `${cookie.name}=${cookie.value}`);
    const response = await fetch(target, {
      method: init.method ?? 'GET',
      body: init.body,
      redirect: 'manual',
      headers: { accept: 'text/html,application/xhtml+xml', ...(cookies.length ? { cookie: cookies.join('; ') } : {}), ...init.headers },
    });
    for (const header of response.headers.getSetCookie()) this.store(target, header);
    return response;
  }

  /** A navigation: follows redirects as a browser does (303, and 301/302 after POST, become GET). */
  async visit(url: string, init: { method?: string; body?: URLSearchParams; headers?: Record<string, string> } = {}): Promise<Visit> {
    const hops: string[] = [];
    let current = url;
    let request = init;
    for (let hop = 0; hop < 20; hop += 1) {
      hops.push(current);
      const response = await this.request(current, request);
      const location = response.headers.get('location');
      if (response.status < 300 || response.status >= 400 || !location) {
        return { response, url: current, body: await response.text(), hops };
      }
      await response.arrayBuffer();
      current = new URL(location, current).href;
      const keepsMethod = response.status === 307 || response.status === 308;
      request = keepsMethod ? request : { headers: init.headers };
    }
    throw new Error(`too many redirects: ${hops.join(' -> ')}`);
  }

  private store(url: URL, header: string): void {
    const [pair = '', ...attributes] = header.split(';').map((part) => part.trim());
    const equals = pair.indexOf('=');
    const name = pair.slice(0, equals);
    const value = pair.slice(equals + 1);
    let path = defaultPath(url.pathname);
    let expired = false;
    for (const attribute of attributes) {
      const [key = '', attributeValue = ''] = attribute.split('=');
      const lower = key.toLowerCase();
      if (lower === 'path' && attributeValue.startsWith('/')) path = attributeValue;
      if (lower === 'max-age' && Number(attributeValue) <= 0) expired = true;
      if (lower === 'expires' && Date.parse(attributeValue) <= Date.now()) expired = true;
    }
    const cookies = this.jar.get(url.hostname) ?? new Map<string, StoredCookie>();
    this.jar.set(url.hostname, cookies);
    const key = `${name};${path}`;
    if (expired) cookies.delete(key);
    else cookies.set(key, { name, value, path });
  }
}
