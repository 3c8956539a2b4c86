import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';
import { RequestRefused } from '../activities/refusal';
import { requestFailure } from './request-errors';
import { ENGINE_UNAVAILABLE, isEngineUnavailable } from './workflow-unavailable';

/** One field at fault, when a request has several (a form of many rows): its path and the Italian message. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * The one error type of the API: a code for programs, a message in Italian for people, the field at
 * fault, and — for a form of many rows — every field at fault (`dettagli` in the response).
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly field?: string,
    readonly details?: readonly FieldProblem[],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError('NON_TROVATO', 404, `${what} non trovato.`);
export const forbidden = (message = 'Non hai i permessi per questa operazione.') =>
  new AppError('NON_AUTORIZZATO', 403, message);

export const NOT_A_JSON_OBJECT = 'Il corpo della richiesta deve essere un oggetto JSON con i campi del modulo (Content-Type: application/json).';

/** Turns the first zod issue into an Italian message naming the field. */
export function fromZodError(error: z.ZodError): AppError {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || undefined;
  // Query and path parameters are always objects: a whole input of the wrong type is a body not sent as JSON.
  const message = !field && issue?.code === 'invalid_type' ? NOT_A_JSON_OBJECT : (issue?.message ?? 'Dati non validi.');
  return new AppError('DATI_NON_VALIDI', 422, field ? `${field}: ${message}` : message, field);
}

/** The error as the API answers it; undefined for a fault of the platform's own (a 500). */
function asAppError(error: unknown, req: Parameters<ErrorRequestHandler>[1]): AppError | undefined {
  if (error instanceof AppError) return error;
  if (error instanceof z.ZodError) return fromZodError(error);
  if (error instanceof RequestRefused) return new AppError(error.code, error.kind === 'conflict' ? 409 : 422, error.message, error.field);
  if (isEngineUnavailable(error)) return new AppError(ENGINE_UNAVAILABLE.code, ENGINE_UNAVAILABLE.status, ENGINE_UNAVAILABLE.message);
  const failure = requestFailure(error, req);
  return failure && new AppError(failure.code, failure.status, failure.message, failure.field);
}

export const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const appError = asAppError(error, req);
  if (!appError) {
    console.error('[api] unexpected error', error);
    res.status(500).json({ error: { code: 'ERRORE_INTERNO', message: 'Errore interno: riprova più tardi.' } });
    return;
  }
  res.status(appError.status).json({
    error: {
      code: appError.code,
      message: appError.message,
      ...(appError.field ? { field: appError.field } : {}),
      ...(appError.details ? { dettagli: appError.details } : {}),
    },
  });
};
