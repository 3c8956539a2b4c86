import { Router } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { actorOf } from '../auth';
import { AppError } from '../errors';
import { idempotencyKeyOf } from '../outbox/idempotency-key';
import type { ApiRuntime } from '../runtime';
import { assertStorableFileNames, optionalQuery, pagination, parse } from '../validation';
import { accreditationDetail, listAccreditations } from './queries';
import { ATTO_NOMINA_LIMITS, ZAccreditamentoRequest } from './request';
import { submitAccreditamento } from './submit';

export const ZListQuery = z.object({
  stato: optionalQuery(z.enum(['INVIATA', 'PROTOCOLLATA', 'INTEGRAZIONE_RICHIESTA', 'IN_FIRMA', 'RESPINTA', 'DECADUTA', 'ACCREDITATA'])),
  ...pagination,
});
export const ZId = z.object({ id: z.string().uuid('identificativo non valido') });

const upload = multer({ storage: multer.memoryStorage(), limits: { files: 1, fileSize: ATTO_NOMINA_LIMITS.maxBytes, fields: 20, fieldSize: 8 * 1024 } }).single('attoNomina');

function requirePdf(file: Express.Multer.File | undefined): Express.Multer.File {
  if (!file) throw new AppError('DATI_NON_VALIDI', 422, 'attoNomina: allega l’atto di nomina del rappresentante legale (PDF)', 'attoNomina');
  assertStorableFileNames('attoNomina', [file.originalname]);
  if (!file.buffer.subarray(0, 5).equals(Buffer.from('%PDF-'))) {
    throw new AppError('DATI_NON_VALIDI', 422, `attoNomina: «${file.originalname}» non è un PDF`, 'attoNomina');
  }
  return file;
}

// Any other multipart problem reaches the error middleware, which names it in Italian.
const isOversize = (error: unknown) => error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE';

export function accreditationRoutes(runtime: ApiRuntime): Router {
  const router = Router();
  router.post('/accreditamenti', (req, res, next) => {
    upload(req, res, (error: unknown) => {
      next(isOversize(error) ? new AppError('DATI_NON_VALIDI', 422, 'attoNomina: il file può essere al massimo di 10 MB', 'attoNomina') : error);
    });
  }, async (req, res) => {
    const actor = actorOf(req);
    const idempotencyKey = idempotencyKeyOf(req);
    const request = parse(ZAccreditamentoRequest, req.body);
    const file = requirePdf(req.file);
    const user = await runtime.db.user.findUniqueOrThrow({ where: { id: actor.userId } });
    const created = await submitAccreditamento(
      { ...runtime, storeDocument: (input) => runtime.documents.store(input) },
      { userId: user.id, codiceFiscale: user.codiceFiscale, nome: user.nome, cognome: user.cognome },
      request,
      { filename: file.originalname, content: file.buffer },
      { idempotencyKey },
    );
    res.status(201).json(created);
  });
  router.get('/accreditamenti', async (req, res) => {
    res.json(await listAccreditations(runtime, actorOf(req), parse(ZListQuery, req.query)));
  });
  router.get('/accreditamenti/:id', async (req, res) => {
    res.json(await accreditationDetail(runtime, actorOf(req), parse(ZId, req.params).id));
  });
  return router;
}
