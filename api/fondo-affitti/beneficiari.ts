// A Comune's list of eligible tenants (optional, an Excel file): the template with the call's thresholds; the
// upload, checked row by row (nothing is kept when a row is wrong: the messages name row and column), which
// fills the application's per-band figures; the list read back; and, for the Region only, the tenants listed
// by two Comuni of the same call. Personal data: the Comune's FONDO_AFFITTI referenti and the Region's people
// of the area read it, and every read is in the audit trail.
import { createHash } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import multer from 'multer';
import { beneficiariTemplate, leggiBeneficiari } from '../../activities/fondo-affitti/beneficiari-excel';
import type { Prisma } from '../../prisma/generated/client';
import { holdsCandidacy, type Actor } from '../../workflows/shared/actor';
import { dataItaliana } from '../../workflows/shared/dates';
import { FASCE } from '../../workflows/shared/fondo-affitti/bando';
import { runsCalls, type ParametriBando } from '../../workflows/shared/fondo-affitti/procedura';
import { decimalOf, centsOf } from '../../workflows/shared/money';
import { actorOf } from '../auth';
import { AppError, forbidden, notFound } from '../errors';
import type { ApiRuntime } from '../runtime';
import { assertStorableFileNames, parse } from '../validation';
import { ZId } from './routes';
import type { BeneficiariCaricati } from './views';

const MAX_MB = 10;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** At most this many row problems in one answer: enough to fix a file, not a wall of text. */
const MAX_PROBLEMI = 200;

/** The multipart body with one Excel file, bounded before anything is read. */
const receiveExcel = (): RequestHandler => (req, res, next) => {
  multer({ storage: multer.memoryStorage(), limits: { files: 1, fileSize: MAX_MB * 1024 * 1024, fields: 2, fieldSize: 1024 } }).single('file')(req, res, (error: unknown) => {
    if (error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE') next(new AppError('DATI_NON_VALIDI', 422, `file: il file può essere al massimo di ${MAX_MB} MB`, 'file'));
    else next(error);
  });
};

/** Who reads a Comune's tenants: its FONDO_AFFITTI referenti (or legal representative), the Region's people of the area. */
const readsTenants = (actor: Actor, enteId: string, regioneEnteId: string) =>
  runsCalls(actor, regioneEnteId) || holdsCandidacy(actor, { candidateEnteId: enteId, candidateRole: 'REFERENTE', candidateArea: 'FONDO_AFFITTI' });

export function beneficiariRoutes(runtime: ApiRuntime): Router {
  const router = Router();
  const { db, regioneEnteId } = runtime;

  const audit = (actor: Actor, enteId: string, workflowId: string, oggetto: string, details: Record<string, unknown>) =>
    db.auditEvent.create({ data: { actorId: actor.userId, enteId, azione: 'BENEFICIARI_LETTI', oggetto, details: { workflowId, ...details } as Prisma.InputJsonObject } });

  const domandaOf = async (actor: Actor, id: string) => {
    const domanda = await db.domandaFondo.findUnique({ where: { id }, include: { bando: true } });
    if (!domanda || !readsTenants(actor, domanda.enteId, regioneEnteId)) throw notFound('Domanda');
    return domanda;
  };

  router.get('/fondo-affitti/bandi/:id/beneficiari/modello.xlsx', async (req, res) => {
    const bando = await db.bandoFondo.findUnique({ where: { id: parse(ZId, req.params).id } });
    if (!bando || bando.stato === 'BOZZA' || bando.stato === 'IN_FIRMA') throw notFound('Bando');
    const parametri = bando.parametri as unknown as ParametriBando;
    res.setHeader('Content-Type', XLSX);
    res.setHeader('Content-Disposition', `attachment; filename="beneficiari-modello-${bando.anno}.xlsx"`);
    res.send(await beneficiariTemplate(parametri.fasce));
  });

  router.post('/fondo-affitti/domande/:id/beneficiari', receiveExcel(), async (req, res) => {
    const actor = actorOf(req);
    const domanda = await domandaOf(actor, parse(ZId, req.params).id);
    if (!holdsCandidacy(actor, { candidateEnteId: domanda.enteId, candidateRole: 'REFERENTE', candidateArea: 'FONDO_AFFITTI' })) {
      throw forbidden('Carica l’elenco dei beneficiari un referente FONDO AFFITTI del Comune.');
    }
    if (domanda.stato !== 'DA_PRESENTARE') throw new AppError('NON_MODIFICABILE', 409, 'La domanda è già stata presentata: l’elenco non si può cambiare.');
    if (Date.now() > domanda.bando.scadenza.getTime()) throw new AppError('NON_MODIFICABILE', 409, `Il termine per presentare la domanda è scaduto il ${dataItaliana(domanda.bando.scadenza.toISOString())} alle 23:59.`);
    const file = req.file;
    if (!file) throw new AppError('DATI_NON_VALIDI', 422, 'file: allega l’elenco dei beneficiari (.xlsx)', 'file');
    assertStorableFileNames('file', [file.originalname]);
    const parametri = domanda.bando.parametri as unknown as ParametriBando;
    const lettura = await leggiBeneficiari(file.buffer, parametri.fasce).catch((error: unknown) => {
      if (error instanceof RangeError) throw new AppError('DATI_NON_VALIDI', 422, `file: ${error.message}`, 'file');
      throw error;
    });
    if (lettura.errori.length > 0) {
      const dettagli = lettura.errori.slice(0, MAX_PROBLEMI).map((errore) => ({
        field: `righe.${errore.riga}.${errore.campo || 'file'}`,
        message: errore.riga > 0 ? `Riga ${errore.riga}${errore.campo ? `, ${errore.campo}` : ''}: ${errore.messaggio}` : errore.messaggio,
      }));
      throw new AppError('DATI_NON_VALIDI', 422, `file: ${lettura.errori.length === 1 ? 'una riga ha un problema' : `${lettura.errori.length} problemi nelle righe`}; correggi il file e caricalo di nuovo. ${dettagli[0]!.message}`, 'file', dettagli);
    }
    const stored = await runtime.documents.store({
      idempotencyKey: `${domanda.workflowId}/beneficiari/${createHash('sha256').update(file.buffer).digest('hex')}`,
      content: file.buffer,
      filename: file.originalname,
      mimeType: XLSX,
      titolo: 'Elenco dei beneficiari ammissibili',
      tipo: 'BENEFICIARI_FONDO',
      workflowId: domanda.workflowId,
      enteId: domanda.enteId,
      createdById: actor.userId,
    });
    const figures = Object.fromEntries(FASCE.flatMap((fascia) => [
      [`ammissibili${fascia}`, lettura.totali[fascia].ammissibili],
      [`fabbisogno${fascia}`, decimalOf(lettura.totali[fascia].fabbisognoCents)],
    ]));
    await db.$transaction([
      db.beneficiarioFondo.deleteMany({ where: { domandaId: domanda.id } }),
      db.beneficiarioFondo.createMany({
        data: lettura.righe.map((riga) => ({
          domandaId: domanda.id, codiceFiscale: riga.codiceFiscale, fascia: riga.fascia,
          isee: decimalOf(riga.iseeCents), canoneAnnuo: decimalOf(riga.canoneAnnuoCents), contributo: decimalOf(riga.contributoCents),
        })),
      }),
      db.domandaFondo.update({ where: { id: domanda.id }, data: { ...figures, beneficiariDocumentId: stored.id } }),
    ]);
    const answer: BeneficiariCaricati = {
      righe: lettura.righe.length,
      totali: Object.fromEntries(FASCE.map((fascia) => [fascia, { ammissibili: lettura.totali[fascia].ammissibili, fabbisogno: decimalOf(lettura.totali[fascia].fabbisognoCents) }])) as BeneficiariCaricati['totali'],
      documento: { documentId: stored.id, nome: stored.filename },
    };
    res.status(201).json(answer);
  });

  router.get('/fondo-affitti/domande/:id/beneficiari', async (req, res) => {
    const actor = actorOf(req);
    const domanda = await domandaOf(actor, parse(ZId, req.params).id);
    const righe = await db.beneficiarioFondo.findMany({ where: { domandaId: domanda.id }, orderBy: [{ fascia: 'asc' }, { codiceFiscale: 'asc' }] });
    await audit(actor, domanda.enteId, domanda.workflowId, `domanda-fondo:${domanda.id}`, { righe: righe.length });
    res.json({
      items: righe.map((riga) => ({
        codiceFiscale: riga.codiceFiscale, fascia: riga.fascia,
        isee: decimalOf(centsOf(riga.isee.toString())), canoneAnnuo: decimalOf(centsOf(riga.canoneAnnuo.toString())), contributo: decimalOf(centsOf(riga.contributo.toString())),
      })),
    });
  });

  // The same tenant listed by two Comuni of one call: the Region's to look into, never another Comune's to see.
  router.get('/fondo-affitti/bandi/:id/duplicati', async (req, res) => {
    const actor = actorOf(req);
    if (!runsCalls(actor, regioneEnteId)) throw notFound('Bando');
    const bando = await db.bandoFondo.findUnique({ where: { id: parse(ZId, req.params).id } });
    if (!bando) throw notFound('Bando');
    const rows = await db.$queryRaw<{ codiceFiscale: string; comuni: string[] }[]>`
      SELECT b."codiceFiscale", array_agg(e."denominazione" ORDER BY e."denominazione") AS comuni
      FROM "BeneficiarioFondo" b
      JOIN "DomandaFondo" d ON d."id" = b."domandaId"
      JOIN "Ente" e ON e."id" = d."enteId"
      WHERE d."bandoId" = ${bando.id}
      GROUP BY b."codiceFiscale"
      HAVING count(DISTINCT d."enteId") > 1
      ORDER BY b."codiceFiscale"`;
    await audit(actor, regioneEnteId, bando.workflowId, `bando:${bando.id}`, { duplicati: rows.length });
    res.json({ items: rows });
  });

  return router;
}
