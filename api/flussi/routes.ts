import { readFile, rm } from 'node:fs/promises';
import { WorkflowExecutionAlreadyStartedError, WorkflowIdReusePolicy } from '@temporalio/client';
import { Router, type RequestHandler } from 'express';
import multer from 'multer';
import { z } from 'zod';
import { FLUSSO_DOCUMENTO, INVIO_FLUSSI, INVIO_FLUSSI_WORKFLOW, invioFlussiWorkflowId, type InvioFlussiInput } from '../../workflows/shared/flussi';
import type { Actor } from '../../workflows/shared/actor';
import { actorOf } from '../auth';
import { AppError } from '../errors';
import type { ApiRuntime } from '../runtime';
import { protocolNumbers } from '../protocol-numbers';
import { startProcedure } from '../start-procedure';
import { assertStorableFileNames, calendarDate, optionalQuery, pagination, parse } from '../validation';
import { flussiAccess, transmits, ZUpload, ZWorkflow } from './access';
import { admitAttempt } from './admission';
import { fileAttempt } from './attempts';
import { sweepStaleUploads } from './stale-uploads';
import type { Avanzamento, Problema, Trasmissione } from './views';
import type { Page } from '../views';

interface UploadAttempt { workflowId: string; enteId: string; actor: Actor }

export const ZStart = z.object({
  enteId: z.string({ error: 'scegli l’ente' }).uuid('scegli l’ente'),
  dataRiferimento: calendarDate('indica la data di riferimento').regex(/^\d{4}-(06-30|12-31)$/, 'la data di riferimento è il 30/06 o il 31/12 di un anno'),
});
export const ZProblems = z.object({ gravita: optionalQuery(z.enum(['ERRORE', 'AVVISO'])), ...pagination });

export function flussiRoutes(runtime: ApiRuntime): Router {
  const router = Router();
  const { db } = runtime;
  const { visibleProcedure, visibleUpload, transmitsFor } = flussiAccess(db, runtime.regioneEnteId);
  // Uploads go to disk, not memory (a flusso is up to the store's limit), on the data disk; each file stays
  // only while its request is handled, and multer removes a partial one when the client goes away.
  const storage = multer.diskStorage({ destination: runtime.uploads.tempDir });
  // What a process killed mid-upload left behind (a failure here only leaves those files a while longer).
  runtime.background.track(sweepStaleUploads(runtime.uploads.tempDir).catch((error: unknown) => console.error('[api] upload folder not swept', error)));

  /** Refuses before receiving a byte (who uploads, the transmission's state, its quota), then receives within what is left. */
  const admitAndReceive: RequestHandler = async (req, res, next) => {
    try {
      const { workflowId } = parse(ZWorkflow, req.params);
      const actor = actorOf(req);
      const { enteId } = await visibleProcedure(actor, workflowId);
      if (!(await transmitsFor(actor, workflowId, enteId))) throw new AppError('NON_AUTORIZZATO', 403, 'Caricano i flussi il rappresentante legale e i referenti PATRIMONIO dell’ente.');
      const admission = await admitAttempt(runtime, workflowId);
      const attempt: UploadAttempt = { workflowId, enteId, actor };
      res.locals.attempt = attempt;
      multer({ storage, limits: { files: 1, fileSize: admission.maxFileBytes, fields: 5 } }).single('flusso')(req, res, (error: unknown) => {
        if (error instanceof multer.MulterError) {
          // Any other multipart problem reaches the error middleware, which names it in Italian.
          next(error.code === 'LIMIT_FILE_SIZE' ? admission.oversize : error);
        } else if (error && req.destroyed) {
          // The client went away (multer has removed the partial file): nobody reads the answer, nothing went wrong here.
          next(new AppError('CARICAMENTO_INTERROTTO', 400, 'flusso: il caricamento si è interrotto prima della fine, riprova.', 'flusso'));
        } else next(error);
      });
    } catch (error) {
      next(error);
    }
  };

  router.post('/flussi', async (req, res) => {
    const actor = actorOf(req);
    const { enteId, dataRiferimento } = parse(ZStart, req.body);
    if (!transmits(actor, enteId)) throw new AppError('NON_AUTORIZZATO', 403, 'enteId: trasmettono il patrimonio il rappresentante legale e i referenti PATRIMONIO dell’ente.', 'enteId');
    const ente = await db.ente.findUniqueOrThrow({ where: { id: enteId } });
    if (ente.stato !== 'ATTIVO') throw new AppError('ENTE_NON_ATTIVO', 422, 'enteId: l’ente non è ancora accreditato sulla piattaforma.', 'enteId');
    const workflowId = invioFlussiWorkflowId(enteId, dataRiferimento);
    const input: InvioFlussiInput = { enteId, enteDenominazione: ente.denominazione, entePec: ente.pec, dataRiferimento, scadenza: null, regioneEnteId: runtime.regioneEnteId };
    try {
      // A transmission that ended (confirmed) is never started again; one that failed may be.
      const workflowIdReusePolicy = WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY;
      await startProcedure(runtime.temporal, { workflowType: INVIO_FLUSSI_WORKFLOW, procedura: INVIO_FLUSSI, workflowId, taskQueue: runtime.taskQueue, enteId, input, workflowIdReusePolicy });
    } catch (error) {
      // One procedure per ente and reference date: asking again opens the one already there, running or ended.
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
    }
    res.status(201).json({ workflowId });
  });

  router.get('/flussi/:workflowId', async (req, res) => {
    const { workflowId } = parse(ZWorkflow, req.params);
    const { enteId, dataRiferimento } = await visibleProcedure(actorOf(req), workflowId);
    const [ente, uploads, snapshot, ricevuta, task, pec, precedenti] = await Promise.all([
      db.ente.findUniqueOrThrow({ where: { id: enteId }, select: { denominazione: true } }),
      db.flussoUpload.findMany({ where: { workflowId }, orderBy: { tentativo: 'asc' } }),
      db.stockSnapshot.findFirst({ where: { workflowId }, select: { id: true, tipo: true, unitsCount: true, buildingsCount: true, createdAt: true, protocolloId: true } }),
      // The receipt the procedure filed once the transmission was protocolled.
      db.document.findFirst({ where: { workflowId, tipo: 'RICEVUTA_PROTOCOLLO' }, orderBy: { createdAt: 'desc' }, select: { id: true } }),
      db.task.findFirst({ where: { workflowId, stato: 'APERTA' }, select: { id: true, titolo: true } }),
      // The receipt's PEC: the transmission's last message to the ente.
      db.pecMessage.findFirst({ where: { workflowId }, orderBy: { createdAt: 'desc' }, select: { id: true, stato: true } }),
      db.stockSnapshot.findMany({
        where: { enteId, dataRiferimento: { lt: new Date(`${dataRiferimento}T00:00:00Z`) } },
        orderBy: { dataRiferimento: 'desc' },
        take: 10,
        select: { dataRiferimento: true, tipo: true, unitsCount: true, createdAt: true, workflowId: true },
      }),
    ]);
    const protocolli = await protocolNumbers(db, [snapshot?.protocolloId ?? null]);
    const manual = new Set((await db.document.findMany({
      where: { id: { in: uploads.map((row) => row.documentId) }, tipo: FLUSSO_DOCUMENTO.manuale },
      select: { id: true },
    })).map((document) => document.id));
    const view: Trasmissione = {
      workflowId,
      enteId,
      enteDenominazione: ente.denominazione,
      dataRiferimento,
      attivita: task,
      caricamenti: uploads.map(({ id, tentativo, esito, errori, avvisi, unitsCount, buildingsCount, documentId, createdAt }) => ({
        id, tentativo, esito, errori, avvisi, unitsCount, buildingsCount, createdAt: createdAt.toISOString(),
        manuale: manual.has(documentId),
        flussoUrl: `/api/documenti/${documentId}`,
        rapportoUrl: `/api/flussi/caricamenti/${id}/rapporto.xlsx`,
        rapportoPdfUrl: `/api/flussi/caricamenti/${id}/rapporto.pdf`,
      })),
      snapshot: snapshot
        ? {
          id: snapshot.id,
          tipo: snapshot.tipo,
          unitsCount: snapshot.unitsCount,
          buildingsCount: snapshot.buildingsCount,
          createdAt: snapshot.createdAt.toISOString(),
          protocollo: snapshot.protocolloId ? (protocolli.get(snapshot.protocolloId) ?? null) : null,
          ricevutaUrl: ricevuta ? `/api/documenti/${ricevuta.id}` : null,
          pec,
        }
        : null,
      precedenti: precedenti.map((row) => ({
        dataRiferimento: row.dataRiferimento.toISOString().slice(0, 10),
        tipo: row.tipo,
        unitsCount: row.unitsCount,
        createdAt: row.createdAt.toISOString(),
        workflowId: row.workflowId,
      })),
    };
    res.json(view);
  });

  /** How far the running validation is: the activity's last heartbeat. */
  router.get('/flussi/:workflowId/avanzamento', async (req, res) => {
    const { workflowId } = parse(ZWorkflow, req.params);
    await visibleProcedure(actorOf(req), workflowId);
    const description = await runtime.temporal.workflow.getHandle(workflowId).describe();
    const pending = description.raw.pendingActivities?.find((activity) => activity.activityType?.name === 'validateFlussoUpload');
    const payload = pending?.heartbeatDetails?.payloads?.[0]?.data;
    const details = payload ? (JSON.parse(Buffer.from(payload).toString('utf8')) as { fraction: number; phase: string }) : null;
    const progress: Avanzamento = { inCorso: Boolean(pending), avanzamento: details?.fraction ?? null, fase: details?.phase ?? null };
    res.json(progress);
  });

  router.post('/flussi/:workflowId/caricamenti', admitAndReceive, async (req, res) => {
    const file = req.file;
    try {
      const { workflowId, enteId, actor } = res.locals.attempt as UploadAttempt;
      if (!file) throw new AppError('DATI_NON_VALIDI', 422, 'flusso: allega il file XML del flusso', 'flusso');
      assertStorableFileNames('flusso', [file.originalname]);
      const summary = await fileAttempt(runtime, {
        workflowId,
        enteId,
        actor,
        idempotencyKey: `${workflowId}/caricamento/${file.filename}`,
        content: await readFile(file.path),
        filename: file.originalname,
        titolo: `Flusso patrimoniale – ${file.originalname}`,
        tipo: FLUSSO_DOCUMENTO.file,
      });
      res.status(201).json(summary);
    } finally {
      if (file) await rm(file.path, { force: true });
    }
  });

  router.get('/flussi/caricamenti/:uploadId/problemi', async (req, res) => {
    const { uploadId } = parse(ZUpload, req.params);
    await visibleUpload(actorOf(req), uploadId);
    const query = parse(ZProblems, req.query);
    const where = { uploadId, ...(query.gravita ? { gravita: query.gravita } : {}) };
    const [items, total] = await db.$transaction([
      db.flussoProblem.findMany({ where, orderBy: [{ gravita: 'asc' }, { riga: 'asc' }, { id: 'asc' }], skip: (query.pagina - 1) * query.perPagina, take: query.perPagina }),
      db.flussoProblem.count({ where }),
    ]);
    const answer: Page<Problema> = { items: items.map(({ gravita, regola, riga, unita, campo, messaggio }) => ({ gravita, regola, riga, unita, campo, messaggio })), total };
    res.json(answer);
  });
  return router;
}
