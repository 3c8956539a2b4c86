import express, { type RequestHandler } from 'express';
import { AppError, NOT_A_JSON_OBJECT } from './errors';

/** The largest JSON body: forms and decisions; files go through multipart uploads. */
const JSON_LIMIT = '1mb';

const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)/i;

/** JSON between systems is UTF-8 (RFC 8259): a body labelled otherwise is refused, not decoded by guess. */
const utf8Only: RequestHandler = (req, _res, next) => {
  const charset = req.is('application/json') ? CHARSET.exec(req.headers['content-type'] ?? '')?.[1] : undefined;
  if (charset && !/^utf-?8$/i.test(charset)) {
    throw new AppError('RICHIESTA_NON_LEGGIBILE', 415, `Il corpo della richiesta usa la codifica ${charset.toUpperCase()}, non ammessa: usa UTF-8.`);
  }
  next();
};

/** Every JSON body the API reads is an object of fields; `null`, a string or an array is refused as a whole. */
const objectOnly: RequestHandler = (req, _res, next) => {
  const body: unknown = req.body;
  if (req.is('application/json') && body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body))) {
    throw new AppError('RICHIESTA_NON_LEGGIBILE', 400, NOT_A_JSON_OBJECT);
  }
  next();
};

/** The JSON body parser of the API; its failures become Italian 4xx answers in the error middleware. */
export const jsonBody = (): RequestHandler[] => [utf8Only, express.json({ limit: JSON_LIMIT }), objectOnly];
