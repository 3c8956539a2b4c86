// The Region's ricognizioni patrimoniali: open one (scope, deadline, reminder days), follow it (who has
// transmitted, declared nulla or no change, who is late; units by agencies and Comuni), export the
// status to Excel, extend the deadline, close it. Only the Region's people see campaigns.
import { Router } from 'express';
import { z } from 'zod';
import { isRegioneUser, type Actor } from '../../workflows/shared/actor';
import { invioFlussiWorkflowId } from '../../workflows/shared/flussi';
import {
  chiudiRicognizioneUpdate,
  prorogaScadenzaUpdate,
  runsCampaigns,
  SOLLECITI_PREDEFINITI,
} from '../../workflows/shared/ricognizione';
import { actorOf } from '../auth';
import { AppError, notFound } from '../errors';
import type { ApiRuntime } from '../runtime';
import { idempotencyKeyOf } from '../outbox/idempotency-key';
import { calendarDate, optionalQuery, pagination, parse, text } from '../validation';
import { sendUpdate } from '../workflow-updates';
import { allCampaignRows, campaignPage, campaignTotals, ESITI, type CampaignFilter, type CampaignRow } from './campaign-status';
import { campaignToExcel } from './campaign-excel';
import { endOfDayInRome } from '../days-in-rome';
import { openRicognizione } from './open';
import { scopeWhere } from '../../activities/ricognizione/admission';
import type { EnteRicognizione, PortataRicognizione, Ricognizione, RicognizioneSintesi } from './views';
import type { Page } from '../views';

export const ZId = z.object({ id: z.string().uuid('ricognizione non valida') });
export const ZScadenza = calendarDate('indica la scadenza come data (AAAA-MM-GG)');
export const ZOpen = z.object({
  dataRiferimento: calendarDate('indica la data di riferimento').regex(/^\d{4}-(06-30|12-31)$/, 'la data di riferimento è il 30/06 o il 31/12 di un anno'),
  scadenza: ZScadenza,
  sollecitiGiorni: z
    .array(z.number({ error: 'un numero di giorni' }).int('un numero intero di giorni').min(-90, 'al massimo 90 giorni prima').max(90, 'al massimo 90 giorni dopo'))
    .max(10, 'al massimo 10 solleciti')
    .refine((days) => new Set(days).size === days.length, 'ogni giorno una volta sola')
    .default([...SOLLECITI_PREDEFINITI]),
  /** Default: every ARCA, ALER and Comune. */
  enteIds: z.array(z.string().uuid('ente non valido')).min(1, 'scegli almeno un ente').optional(),
  /** For the member Comuni of an ambito, the Comune capofila transmits. */
  perAmbito: z.boolean({ error: 'indica sì o no' }).optional(),
});
export const ZPortata = z.object({
  /** Comma-separated; absent, every ARCA, ALER and Comune. */
  enteIds: optionalQuery(z.string().transform((value) => value.split(',')).pipe(z.array(z.string().uuid('ente non valido')).max(500, 'al massimo 500 enti'))),
});
export const ZFilter = z.object({
  esito: optionalQuery(z.enum(ESITI)),
  inRitardo: optionalQuery(z.enum(['true', 'false']).transform((value) => value === 'true')),
  tipo: optionalQuery(z.enum(['ARCA', 'ALER', 'COMUNE'])),
  q: optionalQuery(text().max(100, 'al massimo 100 caratteri')),
});

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

function rowView(row: CampaignRow, dataRiferimento: string): EnteRicognizione {
  return { ...row, trasmessoAt: row.trasmessoAt?.toISOString() ?? null, trasmissione: invioFlussiWorkflowId(row.enteId, dataRiferimento) };
}

export function ricognizioniRoutes(runtime: ApiRuntime): Router {
  const router = Router();
  const { db, regioneEnteId } = runtime;

  const requireRegione = (actor: Actor) => {
    if (!isRegioneUser(actor, regioneEnteId)) throw new AppError('NON_AUTORIZZATO', 403, 'Le ricognizioni sono gestite dalla Regione.');
  };
  const requireRunner = (actor: Actor) => {
    if (!runsCampaigns(actor, regioneEnteId)) throw new AppError('NON_AUTORIZZATO', 403, 'Aprono, prorogano e chiudono le ricognizioni gli istruttori e i dirigenti della Regione.');
  };
  const campaign = async (actor: Actor, id: string) => {
    requireRegione(actor);
    const row = await db.ricognizione.findUnique({ where: { id } });
    if (!row) throw notFound('Ricognizione');
    return row;
  };

  // Before opening: how many enti the scope reaches and which have no PEC address (no notice nor reminder reaches them).
  router.get('/ricognizioni/portata', async (req, res) => {
    requireRegione(actorOf(req));
    const { enteIds } = parse(ZPortata, req.query);
    const where = scopeWhere(enteIds);
    const [enti, senzaPec, esempi] = await Promise.all([
      db.ente.count({ where }),
      db.ente.count({ where: { AND: [where, { pec: null }] } }),
      db.ente.findMany({ where: { AND: [where, { pec: null }] }, select: { denominazione: true }, orderBy: { denominazione: 'asc' }, take: 5 }),
    ]);
    const answer: PortataRicognizione = { enti, senzaPec, esempiSenzaPec: esempi.map((ente) => ente.denominazione) };
    res.json(answer);
  });

  router.get('/ricognizioni', async (req, res) => {
    requireRegione(actorOf(req));
    const rows = await db.ricognizione.findMany({ orderBy: { dataRiferimento: 'desc' }, include: { _count: { select: { enti: true } } } });
    const items = await Promise.all(rows.map(async (row): Promise<RicognizioneSintesi> => ({
      id: row.id,
      dataRiferimento: isoDate(row.dataRiferimento),
      scadenza: row.scadenza.toISOString(),
      stato: row.stato,
      enti: row._count.enti,
      totali: await campaignTotals(db, row.id),
    })));
    res.json({ items });
  });

  router.post('/ricognizioni', async (req, res) => {
    const actor = actorOf(req);
    requireRunner(actor);
    const input = parse(ZOpen, req.body);
    const opened = await openRicognizione(runtime, actor.userId, { ...input, scadenza: endOfDayInRome(input.scadenza) }, idempotencyKeyOf(req));
    res.status(201).json(opened);
  });

  router.get('/ricognizioni/:id', async (req, res) => {
    const { id } = parse(ZId, req.params);
    const row = await campaign(actorOf(req), id);
    const view: Ricognizione = {
      id: row.id,
      workflowId: row.workflowId,
      dataRiferimento: isoDate(row.dataRiferimento),
      scadenza: row.scadenza.toISOString(),
      sollecitiGiorni: row.sollecitiGiorni,
      perAmbito: row.perAmbito,
      stato: row.stato,
      createdAt: row.createdAt.toISOString(),
      chiusaAt: row.chiusaAt?.toISOString() ?? null,
      totali: await campaignTotals(db, row.id),
    };
    res.json(view);
  });

  router.get('/ricognizioni/:id/enti', async (req, res) => {
    const { id } = parse(ZId, req.params);
    const row = await campaign(actorOf(req), id);
    const filter: CampaignFilter = parse(ZFilter, req.query);
    const page = parse(z.object(pagination), req.query);
    const { items, total } = await campaignPage(db, row.id, filter, page);
    const answer: Page<EnteRicognizione> = { items: items.map((item) => rowView(item, isoDate(row.dataRiferimento))), total };
    res.json(answer);
  });

  router.get('/ricognizioni/:id/enti.xlsx', async (req, res) => {
    const { id } = parse(ZId, req.params);
    const row = await campaign(actorOf(req), id);
    const filter: CampaignFilter = parse(ZFilter, req.query);
    const dataRiferimento = isoDate(row.dataRiferimento);
    const workbook = await campaignToExcel(await allCampaignRows(db, row.id, filter), { dataRiferimento, scadenza: row.scadenza });
    res.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.setHeader('Content-Disposition', `attachment; filename="ricognizione-${dataRiferimento}.xlsx"`);
    res.send(workbook);
  });

  router.post('/ricognizioni/:id/proroga', async (req, res) => {
    const { id } = parse(ZId, req.params);
    const actor = actorOf(req);
    requireRunner(actor);
    const row = await campaign(actor, id);
    const { scadenza } = parse(z.object({ scadenza: ZScadenza }), req.body);
    let result: unknown;
    await sendUpdate(async () => {
      result = await runtime.temporal.workflow.getHandle(row.workflowId).executeUpdate(prorogaScadenzaUpdate, { args: [{ scadenza: endOfDayInRome(scadenza).toISOString(), actor }] });
    });
    res.json(result);
  });

  router.post('/ricognizioni/:id/chiusura', async (req, res) => {
    const { id } = parse(ZId, req.params);
    const actor = actorOf(req);
    requireRunner(actor);
    const row = await campaign(actor, id);
    await sendUpdate(() => runtime.temporal.workflow.getHandle(row.workflowId).executeUpdate(chiudiRicognizioneUpdate, { args: [{ actor }] }));
    res.status(204).end();
  });
  return router;
}
