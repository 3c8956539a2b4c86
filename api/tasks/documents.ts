// The files a task's form carries (the new act of appointment of an integration): uploaded before the
// decision, filed in the document store under the task's procedure, and named in the decision by id.
// Which fields take a file, of what kind and size, is the form's contract (workflows/shared/outcome-forms.ts);
// who may upload is who may decide.
import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { sqlOf } from '../../prisma/client';
import { holdsCandidacy, type Actor } from '../../workflows/shared/actor';
import { fileFieldOf, fileFieldsOf, FORMS_WITH_FILES } from '../../workflows/shared/outcome-forms';
import { AppError, forbidden } from '../errors';
import type { ApiRuntime } from '../runtime';
import { assertStorableFileNames, parse } from '../validation';
import { findVisibleTaskToAct, notOpen } from './queries';
import { returnIfRevoked } from './revoked-assignees';

/** A document's id as a decision names it (anything else names no document). */
const Z_DOCUMENT_ID = z.string().uuid();

export const ZTaskFile = z.object({
  id: z.string().uuid('identificativo di attività non valido'),
  campo: z.string().regex(/^[A-Za-z]{1,64}$/, 'campo del modulo non valido'),
});

/** Parses the multipart body with the field's own size limit, then hands the file on; nothing is written yet. */
export function receiveTaskFile(): RequestHandler {
  return (req, res, next) => {
    const { campo } = parse(ZTaskFile, req.params);
    const maxMb = largestFileMb(campo);
    const upload = multer({ storage: multer.memoryStorage(), limits: { files: 1, fileSize: maxMb * 1024 * 1024, fields: 5, fieldSize: 1024 } }).single('file');
    upload(req, res, (error: unknown) => {
      if (error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE') {
        next(new AppError('DATI_NON_VALIDI', 422, `file: il file può essere al massimo di ${maxMb} MB`, 'file'));
      } else next(error);
    });
  };
}

/** The body is bounded before the task is read: by the largest file field of that name in any form (each form's own is checked after). */
function largestFileMb(campo: string): number {
  const sizes = FORMS_WITH_FILES.flatMap((formKey) => fileFieldOf(formKey, campo)?.maxMb ?? []);
  if (sizes.length === 0) throw new AppError('NON_TROVATO', 404, `Nessun modulo ha un campo «${campo}» per i file.`);
  return Math.max(...sizes);
}

/** Files the upload under the task's procedure, once per content (a retried upload answers the same id). */
export async function storeTaskFile(runtime: ApiRuntime, actor: Actor, taskId: string, campo: string, file: Express.Multer.File | undefined) {
  const task = await findVisibleTaskToAct(runtime, actor, taskId);
  const field = fileFieldOf(task.formKey, campo);
  if (!field || field.excel) throw new AppError('NON_TROVATO', 404, `Il modulo di questa attività non ha un campo «${campo}» per i file PDF.`);
  if (task.stato !== 'APERTA') throw notOpen(task);
  await returnIfRevoked(runtime, task, actor);
  const decides = task.assigneeId === actor.userId || (task.assigneeId === null && holdsCandidacy(actor, task));
  if (!decides) throw forbidden('Allega i documenti chi ha in carico l’attività.');
  if (!file) throw new AppError('DATI_NON_VALIDI', 422, `file: allega il documento (${field.label.toLowerCase()})`, 'file');
  if (file.size > field.maxMb * 1024 * 1024) throw new AppError('DATI_NON_VALIDI', 422, `file: il file può essere al massimo di ${field.maxMb} MB`, 'file');
  assertStorableFileNames('file', [file.originalname]);
  if (!file.buffer.subarray(0, 5).equals(Buffer.from('%PDF-'))) {
    throw new AppError('DATI_NON_VALIDI', 422, `file: «${file.originalname}» non è un PDF`, 'file');
  }
  const previous = (await runtime.documents.listByWorkflow(task.workflowId)).filter((document) => document.tipo === field.tipo).at(-1);
  const stored = await runtime.documents.store({
    idempotencyKey: `${task.workflowId}/${task.id}/${campo}/${createHash('sha256').update(file.buffer).digest('hex')}`,
    content: file.buffer,
    filename: file.originalname,
    mimeType: 'application/pdf',
    titolo: field.titolo,
    tipo: field.tipo,
    workflowId: task.workflowId,
    enteId: task.enteId ?? undefined,
    createdById: actor.userId,
    previousVersionId: previous?.id,
  });
  return { id: stored.id, filename: stored.filename, size: stored.size };
}

/** The documents a decision names, by field, with the kind each field takes. */
export function filesNamed(formKey: string, decision: Record<string, unknown>) {
  return fileFieldsOf(formKey).flatMap(([name, field]) => (typeof decision[name] === 'string' ? [{ name, field, id: decision[name] as string }] : []));
}

/**
 * A decision names only documents uploaded for its task's procedure, as the field's kind: anything else
 * (another procedure's document, a made-up id) is refused at the field before the workflow hears of it.
 */
export async function checkTaskFiles(runtime: ApiRuntime, task: { formKey: string; workflowId: string }, decision: Record<string, unknown>): Promise<void> {
  const named = filesNamed(task.formKey, decision);
  if (named.length === 0) return;
  // One read for all the files named (a submission at the busiest moment of a call names several).
  const ids = named.map(({ id }) => id).filter((id) => Z_DOCUMENT_ID.safeParse(id).success);
  const rows = await sqlOf(runtime.db).rows<{ id: string; workflowId: string | null; tipo: string }>`
    SELECT "id", "workflowId", "tipo"::text FROM "Document" WHERE "id" = ANY(${ids}::text[])`;
  const documents = new Map(rows.map((row) => [row.id, row]));
  for (const { name, field, id } of named) {
    const document = documents.get(id);
    if (document?.workflowId !== task.workflowId || document.tipo !== field.tipo) {
      throw new AppError('DATI_NON_VALIDI', 422, `${name}: ${field.label.replace(/ \(facoltativo\)$/, '')}: carica il documento da questa attività`, name);
    }
  }
}
