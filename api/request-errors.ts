// What a request that cannot be read, or that names nothing, becomes: the body parsers' failures (JSON,
// compression, charset, multipart), multer's limits, a record or a procedure that does not exist. Each
// gets a 4xx with an Italian message, so no malformed request is answered "Errore interno".
import { WorkflowNotFoundError } from '@temporalio/client';
import type { Request } from 'express';
import multer from 'multer';

export interface RequestFailure {
  code: string;
  status: number;
  message: string;
  field?: string;
}

const BODY = 'Il corpo della richiesta';
const unreadable = (status: number, message: string): RequestFailure => ({ code: 'RICHIESTA_NON_LEGGIBILE', status, message });

const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

interface HttpError { type?: string; status?: number; expose?: boolean; limit?: number; charset?: string }

/** body-parser's errors are http-errors with a `type`; a failed decompression is one without. */
function fromBodyParser(error: HttpError): RequestFailure | undefined {
  switch (error.type) {
    case 'entity.parse.failed':
      return unreadable(400, `${BODY} non è un oggetto JSON valido.`);
    case 'entity.too.large':
      return unreadable(413, `${BODY} supera il limite di ${megabytes(error.limit ?? 0)}: per i file usa il caricamento.`);
    case 'charset.unsupported':
      return unreadable(415, `${BODY} usa la codifica ${error.charset?.toUpperCase() ?? 'indicata'}, non ammessa: usa UTF-8.`);
    case 'encoding.unsupported':
      return unreadable(415, `${BODY} è compresso in un formato non ammesso: usa gzip, deflate o br, o nessuna compressione.`);
    case 'request.aborted':
    case 'request.size.invalid':
      return unreadable(400, `${BODY} è arrivato incompleto: riprova.`);
  }
  // Any other client error a parser raised (a stream that does not decompress is one): the body is unreadable.
  if (error.expose && error.status && error.status >= 400 && error.status < 500) {
    return unreadable(error.status, `${BODY} non è leggibile: controlla il formato e la compressione (Content-Encoding).`);
  }
  return undefined;
}

/** busboy reports a malformed form with plain Errors: these are its messages. */
const MULTIPART_PROBLEMS: Record<string, string> = {
  'Multipart: Boundary not found': 'manca il separatore (boundary) nell’intestazione Content-Type',
  'Malformed content type': 'l’intestazione Content-Type è malformata',
  'Missing Content-Type': 'manca l’intestazione Content-Type',
  'Unexpected end of form': 'è troncato: manca la chiusura del modulo',
  'Unexpected end of file': 'è troncato: un file è incompleto',
  'Malformed part header': 'una parte ha un’intestazione malformata',
  'Malformed urlencoded form': 'il modulo è malformato',
  'Request aborted': 'è arrivato incompleto',
  'Request closed': 'è arrivato incompleto',
};

const MULTER_PROBLEMS: Record<string, string> = {
  LIMIT_PART_COUNT: 'troppe parti nel modulo',
  LIMIT_FILE_SIZE: 'il file è troppo grande',
  LIMIT_FILE_COUNT: 'troppi file',
  LIMIT_FIELD_KEY: 'nome del campo troppo lungo',
  LIMIT_FIELD_VALUE: 'valore troppo lungo',
  LIMIT_FIELD_COUNT: 'troppi campi nel modulo',
  LIMIT_UNEXPECTED_FILE: 'file non previsto in questo campo',
  MISSING_FIELD_NAME: 'una parte del modulo non ha nome',
  LIMIT_FIELD_NESTING: 'nome del campo troppo annidato',
  LIMIT_FIELD_ARRAY_INDEX: 'indice del campo troppo grande',
  INVALID_FIELD_NAME: 'nome del campo non valido',
};

function fromMultipart(error: Error, req: Request): RequestFailure | undefined {
  if (error instanceof multer.MulterError) {
    const problem = MULTER_PROBLEMS[error.code] ?? 'modulo non accettato';
    return error.field
      ? { code: 'DATI_NON_VALIDI', status: 422, message: `${error.field}: ${problem}`, field: error.field }
      : { code: 'DATI_NON_VALIDI', status: 422, message: `Il modulo non è accettato: ${problem}.` };
  }
  const problem = req.is('multipart') ? MULTIPART_PROBLEMS[error.message.replace(/^Unsupported content type:.*/, 'Malformed content type')] : undefined;
  return problem ? unreadable(400, `Il modulo inviato (multipart/form-data) non è leggibile: ${problem}.`) : undefined;
}

/** A record a request names by id that is not there (Prisma's `…OrThrow`), or a procedure never started. */
function fromMissing(error: Error & { code?: unknown }): RequestFailure | undefined {
  if (error.name === 'PrismaClientKnownRequestError' && error.code === 'P2025') return { code: 'NON_TROVATO', status: 404, message: 'Risorsa non trovata.' };
  if (error instanceof WorkflowNotFoundError) return { code: 'NON_TROVATO', status: 404, message: 'Procedura non trovata: non è mai stata avviata.' };
  return undefined;
}

export function requestFailure(error: unknown, req: Request): RequestFailure | undefined {
  if (!(error instanceof Error)) return undefined;
  return fromBodyParser(error as HttpError) ?? fromMultipart(error, req) ?? fromMissing(error);
}
