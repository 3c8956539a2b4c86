import type { ErrorRequestHandler } from 'express';
import { z } from 'zod';

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

/** Turns the first zod issue into an Italian message naming the field. */
export function fromZodError(error: z.ZodError): AppError {
  const issue = error.issues[0];
  const field = issue?.path.join('.') || undefined;
  const message = issue?.message ?? 'Dati non validi.';
  return new AppError('DATI_NON_VALIDI', 422, field ? `${field}: ${message}` : message, field);
}

export const errorHandler: ErrorRequestHandler = (error, _req, res, _next) => {
  const appError =
    error instanceof AppError
      ? error
      : error instanceof z.ZodError
        ? fromZodError(error)
        : undefined;
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
