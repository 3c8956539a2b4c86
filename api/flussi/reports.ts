// An attempt's validation report, downloaded as Excel (every stored problem) or PDF (the first
// PDF_PROBLEMS_LIMIT, the rest pointed to the Excel file). Both read what the database keeps of the
// validation — the attempt's exact counts and its stored problems — and are seen by whoever sees the attempt.
import { Router } from 'express';
import { PDF_PROBLEMS_LIMIT, REGOLA, reportHtmlData, reportToExcel, type ReportMeta, type StoredReport } from '../../activities/flussi/validation';
import type { Db } from '../../prisma/client';
import type { FlussoUpload } from '../../prisma/generated/client';
import { FLUSSO_DOCUMENTO } from '../../workflows/shared/flussi';
import { actorOf } from '../auth';
import type { ApiRuntime } from '../runtime';
import { parse } from '../validation';
import { flussiAccess, ZUpload } from './access';

/** The order of the problems page and of both reports: errors first, then by line. */
const REPORT_ORDER = [{ gravita: 'asc' as const }, { riga: 'asc' as const }, { id: 'asc' as const }];

/** The stored report of an attempt, with at most `limit` problems read. */
export async function storedReport(db: Db, upload: FlussoUpload, limit?: number): Promise<StoredReport> {
  const { id: uploadId } = upload;
  const [problems, problemiRegistrati, perRule] = await Promise.all([
    db.flussoProblem.findMany({ where: { uploadId }, orderBy: REPORT_ORDER, take: limit }),
    db.flussoProblem.count({ where: { uploadId } }),
    db.flussoProblem.groupBy({ by: ['regola', 'gravita'], where: { uploadId, regola: { not: REGOLA.omessi } }, _count: { _all: true } }),
  ]);
  return {
    esito: upload.esito,
    errori: upload.errori,
    avvisi: upload.avvisi,
    unita: upload.unitsCount,
    fabbricati: upload.buildingsCount,
    conteggi: perRule.map(({ regola, gravita, _count }) => ({ regola, gravita, numero: _count._all })),
    problems: problems.map(({ gravita, regola, riga, unita, campo, messaggio }) => ({ gravita, regola, riga, unita, campo, messaggio })),
    problemiRegistrati,
  };
}

async function reportMeta(runtime: ApiRuntime, upload: FlussoUpload): Promise<ReportMeta> {
  const [ente, document] = await Promise.all([
    runtime.db.ente.findUniqueOrThrow({ where: { id: upload.enteId }, select: { denominazione: true } }),
    runtime.documents.find(upload.documentId),
  ]);
  const manuale = document?.tipo === FLUSSO_DOCUMENTO.manuale;
  return {
    ente: ente.denominazione,
    dataRiferimento: upload.dataRiferimento.toISOString().slice(0, 10),
    nomeFile: manuale ? undefined : document?.filename,
    generatoIl: upload.createdAt,
    tentativo: upload.tentativo,
    manuale,
  };
}

export function flussiReportRoutes(runtime: ApiRuntime): Router {
  const router = Router();
  const { visibleUpload } = flussiAccess(runtime.db, runtime.regioneEnteId);

  router.get('/flussi/caricamenti/:uploadId/rapporto.xlsx', async (req, res) => {
    const { uploadId } = parse(ZUpload, req.params);
    const upload = await visibleUpload(actorOf(req), uploadId);
    const [report, meta] = await Promise.all([storedReport(runtime.db, upload), reportMeta(runtime, upload)]);
    const workbook = await reportToExcel(report, meta);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="rapporto-validazione-${upload.tentativo}.xlsx"`);
    res.send(workbook);
  });

  router.get('/flussi/caricamenti/:uploadId/rapporto.pdf', async (req, res) => {
    const { uploadId } = parse(ZUpload, req.params);
    const upload = await visibleUpload(actorOf(req), uploadId);
    const [report, meta] = await Promise.all([storedReport(runtime.db, upload, PDF_PROBLEMS_LIMIT), reportMeta(runtime, upload)]);
    const pdf = await runtime.pdf.render('rapporto-validazione', reportHtmlData(report, meta));
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="rapporto-validazione-${upload.tentativo}.pdf"`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(pdf);
  });
  return router;
}
