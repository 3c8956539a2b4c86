// Any ProtocolRegister over HTTP, as a Region's remote protocol service exposes it (and as
// remote-protocol-register.ts calls it): Basic auth, JSON,
//   POST /registrazioni                    Idempotency-Key header, body a RegistrationRequest without the key
//   POST /registrazioni/:id/annullamento   body { motivo, actorId }
// Both answer with the Registration. Business rejections are 4xx with { code, message }; a retryable
// failure of the register behind is 503; anything else goes to the host app's error handler (500).
import { createHash, timingSafeEqual } from 'node:crypto';
import { ApplicationFailure } from '@temporalio/common';
import express, { type ErrorRequestHandler, type RequestHandler, type Router } from 'express';
import { PROTOCOL_FAILURE, protocolRejection } from './protocol-errors';
import type { ProtocolRegister } from './protocol-register';
import { AnnulmentRequestSchema, parseOrReject, RegistrationRequestSchema } from './protocol-schemas';

export interface ProtocolHttpServerOptions {
  register: ProtocolRegister;
  /** The one client's credentials for Basic auth. */
  username: string;
  password: string;
}

/** Compares digests, so the comparison takes the same time whatever the guess and whatever its length. */
const sameSecret = (given: string, expected: string) =>
  timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());

function basicAuth(username: string, password: string): RequestHandler {
  return (request, response, next) => {
    const match = /^Basic ([A-Za-z0-9+/=]+)$/.exec(request.get('authorization') ?? '');
    const decoded = match ? Buffer.from(match[1]!, 'base64').toString('utf8') : '';
    const colon = decoded.indexOf(':');
    const ok = colon > 0 && sameSecret(decoded.slice(0, colon), username) && sameSecret(decoded.slice(colon + 1), password);
    if (ok) return next();
    response
      .status(401)
      .set('WWW-Authenticate', 'Basic realm="protocollo", charset="UTF-8"')
      .json({ code: PROTOCOL_FAILURE.unauthorized, message: 'Credenziali del servizio di protocollo mancanti o errate.' });
  };
}

const STATUS_BY_CODE: Record<string, number> = {
  [PROTOCOL_FAILURE.invalidRequest]: 400,
  [PROTOCOL_FAILURE.notFound]: 404,
};

/** Maps the register's failures to HTTP; what is not a known failure is the host's to log and answer. */
const failures: ErrorRequestHandler = (error: unknown, _request, response, next) => {
  if (error instanceof ApplicationFailure) {
    const code = error.type ?? PROTOCOL_FAILURE.rejected;
    if (error.nonRetryable) response.status(STATUS_BY_CODE[code] ?? 422).json({ code, message: error.message });
    else response.status(503).set('Retry-After', '5').json({ code, message: error.message });
    return;
  }
  // express.json's own refusals (malformed JSON, body too large) carry a 4xx status and a safe message.
  const status = (error as { status?: unknown }).status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    response.status(status).json({ code: PROTOCOL_FAILURE.invalidRequest, message: `Corpo della richiesta non valido: ${(error as Error).message}` });
    return;
  }
  next(error);
};

export function createProtocolHttpRouter(options: ProtocolHttpServerOptions): Router {
  const router = express.Router();
  router.use(basicAuth(options.username, options.password));
  router.use(express.json({ limit: '1mb' }));

  router.post('/registrazioni', async (request, response) => {
    const idempotencyKey = request.get('idempotency-key');
    if (!idempotencyKey) throw protocolRejection(PROTOCOL_FAILURE.invalidRequest, "Manca l'intestazione Idempotency-Key: senza, un nuovo tentativo prenderebbe un secondo numero.");
    const registration = await options.register.register(
      parseOrReject(RegistrationRequestSchema, { ...(request.body as object), idempotencyKey }, 'Richiesta di protocollo'),
    );
    response.status(200).json(registration);
  });

  router.post('/registrazioni/:id/annullamento', async (request, response) => {
    const registration = await options.register.annul(
      parseOrReject(AnnulmentRequestSchema, { ...(request.body as object), registrationId: request.params.id }, 'Richiesta di annullamento'),
    );
    response.status(200).json(registration);
  });

  router.use(failures);
  return router;
}
