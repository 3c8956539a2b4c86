import path from 'node:path';
import { existsSync } from 'node:fs';
import express, { type Express, type Router } from 'express';
import { accreditationRoutes } from './accreditamenti/routes';
import { incidentRoutes } from './admin/incidents';
import { adminRoutes } from './admin/routes';
import type { Auth } from './auth';
import { communicationRoutes } from './comunicazioni/routes';
import { documentRoutes } from './documenti/routes';
import { flussiManualRoutes } from './flussi/manual-routes';
import { flussiReportRoutes } from './flussi/reports';
import { flussiRoutes } from './flussi/routes';
import { referentiRoutes } from './enti/referenti';
import { entiRoutes } from './enti/routes';
import { AppError, errorHandler } from './errors';
import { health } from './health';
import { jsonBody } from './json-body';
import { openApiDocument } from './openapi/document';
import { openApiPage } from './openapi/page';
import { patrimonioRoutes } from './patrimonio/routes';
import { pecRoutes } from './pec/routes';
import { referenceRoutes } from './riferimenti/routes';
import { ricognizioniRoutes } from './ricognizioni/routes';
import { beneficiariRoutes } from './fondo-affitti/beneficiari';
import { fondoAffittiRoutes } from './fondo-affitti/routes';
import type { ApiRuntime } from './runtime';
import { taskRoutes } from './tasks/routes';
import { substitutionRoutes } from './sostituzioni/routes';
import { notificationRoutes } from './notifiche/routes';
import { commentRoutes } from './tasks/comments';
import { savedViewRoutes } from './tasks/saved-views';

/** The authenticated API's routers, mounted under /api; tests walk every route they declare. */
export function apiRouters(runtime: ApiRuntime): Router[] {
  return [
    // Before the tasks' own: «/tasks/viste» is not a task id.
    savedViewRoutes(runtime),
    taskRoutes(runtime),
    commentRoutes(runtime),
    substitutionRoutes(runtime),
    notificationRoutes(runtime),
    communicationRoutes(runtime),
    entiRoutes(runtime),
    referentiRoutes(runtime),
    accreditationRoutes(runtime),
    documentRoutes(runtime),
    flussiRoutes(runtime),
    ricognizioniRoutes(runtime),
    fondoAffittiRoutes(runtime),
    beneficiariRoutes(runtime),
    patrimonioRoutes(runtime),
    flussiReportRoutes(runtime),
    flussiManualRoutes(runtime),
    pecRoutes(runtime),
    referenceRoutes(runtime),
    adminRoutes(runtime),
    incidentRoutes(runtime),
  ];
}

/** Builds the Express app: public health and config, sign-in, the authenticated API, the built UI. */
export function createApp(options: { runtime: ApiRuntime; auth: Auth; uiDist?: string; trustProxy?: string }): Express {
  const { runtime, auth, uiDist, trustProxy } = options;
  const app = express();
  app.disable('x-powered-by');
  // Behind a TLS-terminating proxy, Express must trust it to see https and set Secure cookies.
  if (trustProxy) app.set('trust proxy', /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy);
  // Work queued behind the answers waits while many are being written (api/background-work.ts).
  app.use(runtime.background.countRequests);
  app.use(jsonBody());

  app.get('/api/health', async (_req, res) => {
    const state = await health(runtime);
    res.status(state.status === 'ok' ? 200 : 503).json(state);
  });
  app.get('/api/config', (_req, res) => {
    res.json({ temporalUiUrl: runtime.temporalUiUrl, mappa: runtime.map });
  });

  // The API's description: public, like any published interface of a public administration.
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  app.get('/api/docs', (_req, res) => {
    res.type('html').send(openApiPage());
  });

  app.use(auth.session);
  app.use(auth.router);
  app.use('/api', auth.requireActor, auth.csrf);
  app.use('/api', ...apiRouters(runtime));
  app.use('/api', () => {
    throw new AppError('NON_TROVATO', 404, 'Risorsa non trovata.');
  });

  if (uiDist && existsSync(uiDist)) {
    app.use(express.static(uiDist, { index: false, maxAge: '1h' }));
    // The inbox is a single-page app: every other path is one of its routes.
    app.get(/^(?!\/(api|auth)\/).*/, (_req, res) => res.sendFile(path.join(uiDist, 'index.html')));
  }
  app.use(errorHandler);
  return app;
}
