import type { ErrorRequestHandler } from 'express';
import { AppError } from '../errors';
import { html } from './html';

// /auth/login and /auth/callback are browser navigations, not API calls: their failures (an identity
// not enabled, a cancelled login) deserve a page a person can read, with a way onwards.

export interface PageUrls {
  home: string;
  login: string;
}

function errorPage(error: AppError, urls: PageUrls): string {
  return html`<!DOCTYPE html>
<html lang="it">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Accesso non riuscito – PUSH</title>
</head>
<body style="font-family:system-ui,sans-serif;max-width:640px;margin:40px auto;padding:0 16px;color:#17324d">
<h1>Accesso non riuscito</h1>
<p role="alert">${error.message}</p>
<p><a href="${urls.login}">Accedi con un'altra identità</a> · <a href="${urls.home}">Torna alla pagina iniziale</a></p>
<p style="color:#5c6f82;font-size:14px">Codice: ${error.code}</p>
</body>
</html>`.markup;
}

/** Renders AppErrors as a page for browsers; JSON clients fall through to the API's error handler. */
export function errorPages(urls: PageUrls): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (!(error instanceof AppError) || res.headersSent || req.accepts(['json', 'html']) !== 'html') {
      next(error);
      return;
    }
    res
      .status(error.status)
      .set({
        'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
        'Cache-Control': 'no-store',
      })
      .type('html')
      .send(errorPage(error, urls));
  };
}
