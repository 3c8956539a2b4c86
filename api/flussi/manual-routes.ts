// Manual entry of a small stock, an alternative to uploading a file in the same task: the form starts
// from the ente's stock (GET), and what it sends (POST) is turned into a flusso XML and filed as an
// attempt through the upload's own path — same update, validation, report and attempts list.
import { randomUUID } from 'node:crypto';
import { Router } from 'express';
import { manualFlussoXml } from '../../activities/flussi/manual/flusso-xml';
import { manualStartingPoint } from '../../activities/flussi/manual/starting-point';
import { dataItaliana } from '../../workflows/shared/dates';
import { FLUSSO_DOCUMENTO, MANUALE_LIMITI } from '../../workflows/shared/flussi';
import { actorOf } from '../auth';
import { AppError } from '../errors';
import type { ApiRuntime } from '../runtime';
import { parse } from '../validation';
import { flussiAccess, ZWorkflow } from './access';
import { admitAttempt } from './admission';
import { fileAttempt } from './attempts';
import { parseInserimentoManuale } from './manual-input';

export function flussiManualRoutes(runtime: ApiRuntime): Router {
  const router = Router();
  const { db } = runtime;
  const { visibleProcedure, transmitsFor } = flussiAccess(db, runtime.regioneEnteId);

  /** Where the form starts: the last manual attempt of this transmission, else the last official snapshot. */
  router.get('/flussi/:workflowId/manuale', async (req, res) => {
    const { workflowId } = parse(ZWorkflow, req.params);
    const { enteId, dataRiferimento } = await visibleProcedure(actorOf(req), workflowId);
    const [ente, start] = await Promise.all([
      db.ente.findUniqueOrThrow({ where: { id: enteId }, select: { codice: true } }),
      manualStartingPoint(db, runtime.documents, { workflowId, enteId, dataRiferimento, maxUnita: MANUALE_LIMITI.unita }),
    ]);
    res.json({ ...start, enteId, enteCodice: ente.codice, dataRiferimento, limiti: MANUALE_LIMITI });
  });

  router.post('/flussi/:workflowId/manuale', async (req, res) => {
    const { workflowId } = parse(ZWorkflow, req.params);
    const actor = actorOf(req);
    const { enteId, dataRiferimento } = await visibleProcedure(actor, workflowId);
    if (!(await transmitsFor(actor, workflowId, enteId))) throw new AppError('NON_AUTORIZZATO', 403, 'Inseriscono il patrimonio il rappresentante legale e i referenti PATRIMONIO dell’ente.');
    await admitAttempt(runtime, workflowId);
    const stock = parseInserimentoManuale(req.body);
    const ente = await db.ente.findUniqueOrThrow({ where: { id: enteId }, select: { codice: true, codiceFiscale: true } });
    const xml = manualFlussoXml({ enteCodice: ente.codice, codiceFiscale: ente.codiceFiscale, dataRiferimento, prodottoIl: new Date() }, stock);
    const summary = await fileAttempt(runtime, {
      workflowId,
      enteId,
      actor,
      idempotencyKey: `${workflowId}/inserimento-manuale/${randomUUID()}`,
      content: Buffer.from(xml, 'utf8'),
      filename: `inserimento-manuale-${dataRiferimento}.xml`,
      titolo: `Flusso patrimoniale – inserimento manuale al ${dataItaliana(dataRiferimento)}`,
      tipo: FLUSSO_DOCUMENTO.manuale,
    });
    res.status(201).json(summary);
  });
  return router;
}
