// The rent-support fund: the Region's calls (draft, edit, send to signature, extend, the riparto's preview
// and Excel, the liquidations, the call Comune by Comune) and each Comune's application (read, save the
// draft). The Region's people read every call and application; a Comune's people read the calls once open
// and their own application; the application's draft is its FONDO_AFFITTI referenti's (or the legal
// representative's) to change.
import { Router, type Request } from 'express';
import { z } from 'zod';
import { holdsCandidacy, isRegioneUser, type Actor } from '../../workflows/shared/actor';
import { dataItaliana } from '../../workflows/shared/dates';
import { FASCE, FASCE_DEFAULTS } from '../../workflows/shared/fondo-affitti/bando';
import { OWN_FORM_FILES } from '../../workflows/shared/outcome-forms';
import { centsOf } from '../../workflows/shared/money';
import {
  GIORNI_RENDICONTAZIONE, inviaAllaFirmaUpdate, prorogaBandoUpdate, QUOTA_SPESA_RENDICONTATA, registraLiquidazioneUpdate, runsCalls, SOLLECITI_BANDO, statoBandoQuery,
} from '../../workflows/shared/fondo-affitti/procedura';
import { RIPARTO_DEFAULTS } from '../../workflows/shared/fondo-affitti/riparto';
import { actorOf } from '../auth';
import { endOfDayInRome, startOfDayInRome } from '../days-in-rome';
import { AppError, forbidden, notFound } from '../errors';
import { idempotencyKeyOf } from '../outbox/idempotency-key';
import { readsEnte } from '../read-access';
import type { ApiRuntime } from '../runtime';
import { calendarDate, parse, text } from '../validation';
import { sendUpdate } from '../workflow-updates';
import { bandoSintesi, bandoView, domandaView } from './bando-views';
import { comuniDelBando, comuniToExcel, ZFiltriComuni } from './comuni-del-bando';
import { createBando, updateBando, type BandoToSave } from './drafts';
import { ripartoPreview, ripartoToExcel } from './riparto-preview';

export const ZId = z.object({ id: z.string().uuid('identificativo non valido') });
const ZEuro = z.string({ error: 'indica un importo in euro' }).trim().regex(/^\d{1,12}(\.\d{1,2})?$/, 'un importo in euro non negativo, con al massimo due decimali');
const ZQuota = z.number({ error: 'indica una percentuale come frazione (0,2 è il 20 %)' }).min(0, 'almeno 0').max(1, 'al massimo 1 (il 100 %)');
const ZFascia = z.object({ iseeMax: ZEuro, incidenzaMinima: ZQuota, contributoMax: ZEuro });
const ZFasceDomanda = z.object({
  ricevute: z.number().int().min(0).max(1_000_000).nullable().optional(),
  ammissibili: z.number().int().min(0).max(1_000_000).nullable().optional(),
  esclusi: z.number().int().min(0).max(1_000_000).nullable().optional(),
  fabbisogno: ZEuro.nullable().optional(),
});

export const ZBando = z
  .object({
    tipo: z.enum(['FONDO_AFFITTI', 'MOROSITA_INCOLPEVOLE'], { error: 'scegli il tipo di bando' }).default('FONDO_AFFITTI'),
    anno: z.number({ error: 'indica l’anno' }).int('un anno').min(2000, 'un anno dal 2000').max(2100, 'un anno fino al 2100'),
    titolo: text('indica il titolo').trim().min(3, 'almeno 3 caratteri').max(200, 'al massimo 200 caratteri'),
    apertura: calendarDate('indica la data di apertura (AAAA-MM-GG)'),
    scadenza: calendarDate('indica la scadenza (AAAA-MM-GG)'),
    fonti: z
      .array(z.object({
        riferimento: text('indica l’atto di finanziamento').trim().min(1, 'indica l’atto di finanziamento').max(300, 'al massimo 300 caratteri'),
        importo: ZEuro,
        quota: z.enum(['ORDINARIA', 'PREMIALE'], { error: 'scegli la quota: ordinaria o premiale' }),
      }))
      .min(1, 'indica almeno una fonte di finanziamento')
      .max(20, 'al massimo 20 fonti'),
    fasce: z.object({ A: ZFascia, B: ZFascia }).optional(),
    cofinanziamentoMinimo: ZQuota.optional(),
    penalitaAta: ZQuota.optional(),
    /** Morosità incolpevole: the share of the fund split by the spending reported on earlier calls. */
    quotaSpesaRendicontata: ZQuota.optional(),
    giorniRendicontazione: z.number({ error: 'un numero di giorni' }).int('un numero intero di giorni').min(15, 'almeno 15 giorni').max(365, 'al massimo 365 giorni').optional(),
    sollecitiGiorni: z
      .array(z.number({ error: 'un numero di giorni' }).int('un numero intero di giorni').min(-90, 'al massimo 90 giorni prima').max(90, 'al massimo 90 giorni dopo'))
      .max(10, 'al massimo 10 solleciti')
      .refine((days) => new Set(days).size === days.length, 'ogni giorno una volta sola')
      .default([...SOLLECITI_BANDO]),
  })
  .superRefine((value, ctx) => {
    if (value.scadenza < value.apertura) ctx.addIssue({ code: 'custom', path: ['scadenza'], message: 'la scadenza non può precedere l’apertura' });
  });

export const ZBozzaDomanda = z.object({
  fasce: z.object({ A: ZFasceDomanda, B: ZFasceDomanda }).partial().optional(),
  cofinanziamento: ZEuro.nullable().optional(),
  attoCofinanziamento: text().trim().max(300, 'al massimo 300 caratteri').nullable().optional(),
  bandoComunaleDocumentId: z.string().uuid('documento non valido').nullable().optional(),
  graduatoriaDocumentId: z.string().uuid('documento non valido').nullable().optional(),
});

const ZProroga = z.object({ scadenza: calendarDate('indica la nuova scadenza (AAAA-MM-GG)') });

export const ZLiquidazione = z.object({
  enti: z.array(z.string({ error: 'un Comune' }).uuid('Comune non valido'), { error: 'scegli i Comuni da liquidare' }).min(1, 'scegli almeno un Comune').max(300, 'al massimo 300 Comuni'),
  numeroAtto: text('indica il numero dell’atto di liquidazione').trim().min(1, 'indica il numero dell’atto di liquidazione').max(100, 'al massimo 100 caratteri'),
  dataAtto: calendarDate('indica la data dell’atto (AAAA-MM-GG)'),
});


/** The call as the request states it, with the defaults DOMAIN.md gives filled in. */
function bandoToSave(input: z.infer<typeof ZBando>): BandoToSave {
  const fasce = input.fasce
    ? Object.fromEntries(FASCE.map((fascia) => [fascia, { iseeMaxCents: centsOf(input.fasce![fascia].iseeMax), incidenzaMinima: input.fasce![fascia].incidenzaMinima, contributoMaxCents: centsOf(input.fasce![fascia].contributoMax) }])) as typeof FASCE_DEFAULTS
    : FASCE_DEFAULTS;
  return {
    tipo: input.tipo,
    anno: input.anno,
    titolo: input.titolo,
    apertura: startOfDayInRome(input.apertura),
    scadenza: endOfDayInRome(input.scadenza),
    fonti: input.fonti,
    parametri: {
      fasce,
      cofinanziamentoMinimo: input.cofinanziamentoMinimo ?? RIPARTO_DEFAULTS.cofinanziamentoMinimo,
      penalitaAta: input.penalitaAta ?? RIPARTO_DEFAULTS.penalitaAta,
      giorniRendicontazione: input.giorniRendicontazione ?? GIORNI_RENDICONTAZIONE,
      ...(input.tipo === 'MOROSITA_INCOLPEVOLE' ? { quotaSpesaRendicontata: input.quotaSpesaRendicontata ?? QUOTA_SPESA_RENDICONTATA } : {}),
    },
    sollecitiGiorni: input.sollecitiGiorni,
  };
}

export function fondoAffittiRoutes(runtime: ApiRuntime): Router {
  const router = Router();
  const { db, regioneEnteId } = runtime;

  const requireRunner = (actor: Actor) => {
    if (!runsCalls(actor, regioneEnteId)) throw forbidden('Gestiscono i bandi gli istruttori e i dirigenti della Regione per il Fondo affitti.');
  };
  /** A call the actor may read: the Region's people any; a Comune's people those open to applications or past it. */
  const readableBando = async (actor: Actor, id: string) => {
    const bando = await db.bandoFondo.findUnique({ where: { id }, include: { fonti: { orderBy: { id: 'asc' } } } });
    if (!bando) throw notFound('Bando');
    if (!isRegioneUser(actor, regioneEnteId) && (bando.stato === 'BOZZA' || bando.stato === 'IN_FIRMA')) throw notFound('Bando');
    return bando;
  };
  const draftState = async (workflowId: string) => {
    const state = await runtime.temporal.workflow.getHandle(workflowId).query(statoBandoQuery).catch(() => null);
    return state?.stato ?? null;
  };
  const readableDomanda = async (actor: Actor, id: string) => {
    const domanda = await db.domandaFondo.findUnique({ where: { id }, include: { bando: true, ente: { select: { denominazione: true } } } });
    if (!domanda || !readsEnte(actor, domanda.enteId, regioneEnteId)) throw notFound('Domanda');
    return domanda;
  };

  router.get('/fondo-affitti/bandi', async (req, res) => {
    const actor = actorOf(req);
    const regione = isRegioneUser(actor, regioneEnteId);
    const rows = await db.bandoFondo.findMany({
      where: regione ? {} : { stato: { notIn: ['BOZZA', 'IN_FIRMA'] } },
      include: { fonti: true, domande: regione ? false : { where: { enteId: { in: actor.roles.map((role) => role.enteId) } }, select: { id: true, stato: true } } },
      orderBy: [{ anno: 'desc' }, { tipo: 'asc' }],
    });
    res.json({ items: rows.map((row) => bandoSintesi(row, 'domande' in row ? (row.domande as { id: string; stato: string }[])[0] ?? null : null)) });
  });

  router.post('/fondo-affitti/bandi', async (req, res) => {
    const actor = actorOf(req);
    requireRunner(actor);
    const created = await createBando(runtime, actor.userId, bandoToSave(parse(ZBando, req.body)), idempotencyKeyOf(req));
    res.status(201).json(created);
  });

  router.get('/fondo-affitti/bandi/:id', async (req, res) => {
    const actor = actorOf(req);
    const bando = await readableBando(actor, parse(ZId, req.params).id);
    res.json(await bandoView(db, bando, actor, { runs: runsCalls(actor, regioneEnteId), stato: bando.stato === 'BOZZA' ? await draftState(bando.workflowId) : null }));
  });

  router.put('/fondo-affitti/bandi/:id', async (req, res) => {
    const actor = actorOf(req);
    requireRunner(actor);
    const bando = await readableBando(actor, parse(ZId, req.params).id);
    const input = bandoToSave(parse(ZBando, req.body));
    if (bando.stato !== 'BOZZA' || (await draftState(bando.workflowId)) !== 'BOZZA') throw new AppError('NON_MODIFICABILE', 409, 'Il bando non è più in bozza: non si può modificare.');
    await updateBando(db, bando.id, actor.userId, regioneEnteId, input);
    res.json(await bandoView(db, await readableBando(actor, bando.id), actor, { runs: true, stato: 'BOZZA' }));
  });

  router.post('/fondo-affitti/bandi/:id/invio-alla-firma', async (req, res) => {
    const actor = actorOf(req);
    requireRunner(actor);
    const bando = await readableBando(actor, parse(ZId, req.params).id);
    await sendUpdate(() => runtime.temporal.workflow.getHandle(bando.workflowId).executeUpdate(inviaAllaFirmaUpdate, { args: [{ actor }] }));
    res.status(204).end();
  });

  router.post('/fondo-affitti/bandi/:id/proroga', async (req, res) => {
    const actor = actorOf(req);
    requireRunner(actor);
    const bando = await readableBando(actor, parse(ZId, req.params).id);
    const { scadenza } = parse(ZProroga, req.body);
    const result = await sendUpdate(() => runtime.temporal.workflow.getHandle(bando.workflowId).executeUpdate(prorogaBandoUpdate, { args: [{ scadenza: endOfDayInRome(scadenza).toISOString(), actor }] }));
    res.json(result);
  });

  router.get('/fondo-affitti/bandi/:id/riparto', async (req, res) => {
    const actor = actorOf(req);
    if (!isRegioneUser(actor, regioneEnteId)) throw notFound('Bando');
    const bando = await readableBando(actor, parse(ZId, req.params).id);
    res.json(await ripartoPreview(db, bando.id));
  });

  router.get('/fondo-affitti/bandi/:id/riparto.xlsx', async (req, res) => {
    const actor = actorOf(req);
    if (!isRegioneUser(actor, regioneEnteId)) throw notFound('Bando');
    const bando = await readableBando(actor, parse(ZId, req.params).id);
    const workbook = await ripartoToExcel(bando.titolo, await ripartoPreview(db, bando.id));
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="riparto-${bando.tipo.toLowerCase()}-${bando.anno}.xlsx"`);
    res.send(workbook);
  });

  router.post('/fondo-affitti/bandi/:id/liquidazioni', async (req, res) => {
    const actor = actorOf(req);
    requireRunner(actor);
    const { id } = parse(ZId, req.params);
    const { enti, numeroAtto, dataAtto } = parse(ZLiquidazione, req.body);
    const bando = await readableBando(actor, id);
    // The same Idempotency-Key names the same Update: a retried request records the act once.
    const updateId = idempotencyKeyOf(req) ?? undefined;
    const result = await sendUpdate(() => runtime.temporal.workflow.getHandle(bando.workflowId).executeUpdate(registraLiquidazioneUpdate, {
      args: [{ enteIds: enti, numeroAtto, dataAtto, actor }],
      ...(updateId ? { updateId: `liquidazione/${updateId}` } : {}),
    }));
    res.status(201).json(result);
  });

  /** The call Comune by Comune (the Region's people only), filtered as the page's URL says. */
  const comuniRoute = async (req: Request) => {
    const actor = actorOf(req);
    if (!isRegioneUser(actor, regioneEnteId)) throw notFound('Bando');
    const { id } = parse(ZId, req.params);
    const filtri = parse(ZFiltriComuni, req.query);
    const bando = await readableBando(actor, id);
    return { bando, comuni: await comuniDelBando(db, bando.id, filtri) };
  };
  router.get('/fondo-affitti/bandi/:id/comuni', async (req, res) => {
    res.json((await comuniRoute(req)).comuni);
  });
  router.get('/fondo-affitti/bandi/:id/comuni.xlsx', async (req, res) => {
    const { bando, comuni } = await comuniRoute(req);
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="comuni-${bando.tipo.toLowerCase()}-${bando.anno}.xlsx"`);
    res.send(await comuniToExcel(bando.titolo, comuni));
  });

  router.get('/fondo-affitti/domande/:id', async (req, res) => {
    const actor = actorOf(req);
    const domanda = await readableDomanda(actor, parse(ZId, req.params).id);
    res.json(await domandaView(db, domanda, actor));
  });

  router.put('/fondo-affitti/domande/:id/bozza', async (req, res) => {
    const actor = actorOf(req);
    const domanda = await readableDomanda(actor, parse(ZId, req.params).id);
    if (!holdsCandidacy(actor, { candidateEnteId: domanda.enteId, candidateRole: 'REFERENTE', candidateArea: 'FONDO_AFFITTI' })) {
      throw forbidden('Compilano la domanda i referenti FONDO AFFITTI del Comune o il suo rappresentante legale.');
    }
    const bozza = parse(ZBozzaDomanda, req.body);
    if (domanda.stato !== 'DA_PRESENTARE') throw new AppError('NON_MODIFICABILE', 409, 'La domanda è già stata presentata: non si può modificare.');
    if (Date.now() > domanda.bando.scadenza.getTime()) {
      throw new AppError('NON_MODIFICABILE', 409, `Il termine per presentare la domanda è scaduto il ${dataItaliana(domanda.bando.scadenza.toISOString())} alle 23:59.`);
    }
    // A file named in the draft is one uploaded for this application, as its kind.
    for (const [field, spec] of Object.entries(OWN_FORM_FILES['domanda-fondo-affitti'] ?? {})) {
      const id = bozza[field as 'bandoComunaleDocumentId' | 'graduatoriaDocumentId'];
      if (!id) continue;
      const document = await db.document.findUnique({ where: { id }, select: { workflowId: true, tipo: true } });
      if (document?.workflowId !== domanda.workflowId || document.tipo !== spec.tipo) throw new AppError('DATI_NON_VALIDI', 422, `${field}: ${spec.label}: carica il documento da questa domanda`, field);
    }
    const fasce = Object.fromEntries(FASCE.flatMap((fascia) => {
      const figures = bozza.fasce?.[fascia];
      if (!figures) return [];
      return Object.entries(figures).map(([field, value]) => [`${field}${fascia}`, value]);
    }));
    await db.domandaFondo.update({
      where: { id: domanda.id },
      data: {
        ...fasce,
        ...(bozza.cofinanziamento !== undefined ? { cofinanziamento: bozza.cofinanziamento } : {}),
        ...(bozza.attoCofinanziamento !== undefined ? { attoCofinanziamento: bozza.attoCofinanziamento } : {}),
        ...(bozza.bandoComunaleDocumentId !== undefined ? { bandoComunaleDocumentId: bozza.bandoComunaleDocumentId } : {}),
        ...(bozza.graduatoriaDocumentId !== undefined ? { graduatoriaDocumentId: bozza.graduatoriaDocumentId } : {}),
      },
    });
    res.json(await domandaView(db, await readableDomanda(actor, domanda.id), actor));
  });

  return router;
}
