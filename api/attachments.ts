// Attachments people add to what they write (a communication, a comment on a task): office documents,
// PDFs, signed files, images — five at most, 10 MB each, read in memory and checked before anything is
// stored, so a refused upload leaves nothing behind.
import type { RequestHandler } from 'express';
import multer from 'multer';
import { AppError } from './errors';
import { assertStorableFileNames } from './validation';

export const ATTACHMENT_LIMITS = { maxFiles: 5, maxBytes: 10 * 1024 * 1024 };

const ALLOWED_TYPES = new Set([
  'application/pdf', 'application/pkcs7-mime', 'application/x-pkcs7-mime', 'application/xml', 'text/xml', 'text/plain',
  'image/png', 'image/jpeg', 'application/vnd.oasis.opendocument.text', 'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/msword', 'application/vnd.ms-excel',
]);

/** Reads the multipart upload (files in field `allegati`) within the limits, turning multer's errors into Italian ones. */
export function receiveAttachments(): RequestHandler {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { files: ATTACHMENT_LIMITS.maxFiles, fileSize: ATTACHMENT_LIMITS.maxBytes, fields: 10, fieldSize: 64 * 1024 },
  }).array('allegati', ATTACHMENT_LIMITS.maxFiles);
  const messages: Record<string, string> = {
    LIMIT_FILE_SIZE: 'allegati: ogni file può essere al massimo di 10 MB',
    LIMIT_FILE_COUNT: 'allegati: al massimo 5 file',
    LIMIT_UNEXPECTED_FILE: 'allegati: al massimo 5 file',
  };
  return (req, res, next) => {
    upload(req, res, (error: unknown) => {
      if (error instanceof multer.MulterError) {
        // Any other multipart problem reaches the error middleware, which names it in Italian.
        next(messages[error.code] ? new AppError('DATI_NON_VALIDI', 422, messages[error.code]!, 'allegati') : error);
      } else next(error);
    });
  };
}

/** The files received, their names storable and their types among those accepted. */
export function acceptedAttachments(files: unknown): Express.Multer.File[] {
  const received = (files as Express.Multer.File[] | undefined) ?? [];
  assertStorableFileNames('allegati', received.map((file) => file.originalname));
  for (const file of received) {
    if (!ALLOWED_TYPES.has(file.mimetype)) {
      throw new AppError('DATI_NON_VALIDI', 422, `allegati: il tipo del file «${file.originalname}» non è ammesso`, 'allegati');
    }
  }
  return received;
}
