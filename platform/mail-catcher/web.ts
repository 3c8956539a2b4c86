// The mail catcher's web side: a handful of read-only routes on node:http, so it needs nothing of the
// platform's API to run.
//
//   GET /                          the list of caught messages (Italian page)
//   GET /messaggi/:id              one message
//   GET /messaggi/:id/sorgente     its raw source (.eml)
//   GET /api/messaggi              every message as JSON (CaughtMail[]), newest first
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorPage, inboxPage, messagePage, notFoundPage } from './pages';
import type { MailStore } from './store';

const SECURITY_HEADERS = {
  // A message's HTML is shown in a srcdoc frame, which inherits this policy: no scripts, and nothing
  // fetched from the network (no tracking pixels, no remote fonts), only inline styles and data: images.
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(bytes.length), ...extra });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}

const HTML = 'text/html; charset=utf-8';

/** The id in /messaggi/:id[/sorgente], or null when the path is not one of those. */
function messageRoute(pathname: string): { id: string; source: boolean } | null {
  const match = /^\/messaggi\/([^/]+)(\/sorgente)?$/.exec(pathname);
  if (!match?.[1]) return null;
  try {
    return { id: decodeURIComponent(match[1]), source: match[2] !== undefined };
  } catch {
    return null;
  }
}

export function createRequestHandler(store: MailStore, smtp: { host: string; port: number }, onError: (error: unknown) => void) {
  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(req, res, 405, 'text/plain; charset=utf-8', 'Metodo non consentito: la posta in arrivo è di sola lettura.\n', { Allow: 'GET, HEAD' });
    }
    const { pathname } = new URL(req.url ?? '/', 'http://localhost');
    if (pathname === '/') return send(req, res, 200, HTML, inboxPage(await store.list(), smtp));
    if (pathname === '/api/messaggi') return send(req, res, 200, 'application/json; charset=utf-8', JSON.stringify(await store.list()));
    const target = messageRoute(pathname);
    const found = target && (await store.get(target.id));
    if (!target || !found) return send(req, res, 404, HTML, notFoundPage());
    if (target.source) {
      return send(req, res, 200, 'message/rfc822', found.raw, { 'Content-Disposition': `attachment; filename="${found.mail.id}.eml"` });
    }
    return send(req, res, 200, HTML, messagePage(found.mail, found.raw));
  }

  return (req: IncomingMessage, res: ServerResponse): void => {
    route(req, res).catch((error: unknown) => {
      onError(error);
      if (!res.headersSent) send(req, res, 500, HTML, errorPage());
      else res.destroy();
    });
  };
}
