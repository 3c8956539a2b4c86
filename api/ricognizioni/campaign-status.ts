// Where a ricognizione stands, read from the stock itself: an ente has transmitted when it has a
// snapshot at the campaign's reference date, and the snapshot's tipo says how (flusso or form, nulla,
// no change). Late: still due past the deadline, or transmitted after it.
import { containing } from '../../activities/stock';
import type { Db } from '../../prisma/client';
import { Prisma } from '../../prisma/generated/client';
import type { EnteTipo } from '../../prisma/generated/enums';
import type { EnteRicognizione, EsitoRicognizione, Totali } from './views';

export const ESITI = ['IN_ATTESA', 'TRASMESSO', 'CONSISTENZA_NULLA', 'NESSUNA_VARIAZIONE'] as const;
export type Esito = (typeof ESITI)[number] & EsitoRicognizione;

export const ESITO_LABEL: Record<Esito, string> = {
  IN_ATTESA: 'In attesa',
  TRASMESSO: 'Trasmesso',
  CONSISTENZA_NULLA: 'Consistenza nulla',
  NESSUNA_VARIAZIONE: 'Nessuna variazione',
};

export interface CampaignRow {
  enteId: string;
  denominazione: string;
  tipo: EnteRicognizione['tipo'];
  accreditato: boolean;
  pec: string | null;
  esito: Esito;
  trasmessoAt: Date | null;
  inRitardo: boolean;
  solleciti: number;
  /** Units still in the ente's patrimony at the reference date (sold and demolished left out). */
  unita: number | null;
}

export interface CampaignFilter {
  esito?: Esito;
  /** Only the late ones (due past the deadline, or transmitted after it). */
  inRitardo?: boolean;
  tipo?: 'ARCA' | 'ALER' | 'COMUNE';
  q?: string;
}

/** One row per ente in scope, as the filter narrows them (columns of CampaignRow). */
function campaignRows(ricognizioneId: string, filter: CampaignFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [Prisma.sql`TRUE`];
  if (filter.esito) conditions.push(Prisma.sql`"esito" = ${filter.esito}`);
  if (filter.inRitardo !== undefined) conditions.push(Prisma.sql`"inRitardo" = ${filter.inRitardo}`);
  if (filter.tipo) conditions.push(Prisma.sql`"tipo" = ${filter.tipo}`);
  const q = filter.q?.trim();
  if (q) conditions.push(Prisma.sql`"denominazione" ILIKE ${containing(q)}`);
  return Prisma.sql`
    WITH rows AS (
      SELECT e."id" AS "enteId", e."denominazione", e."tipo"::text AS "tipo", e."stato" = 'ATTIVO' AS "accreditato", e."pec",
             CASE WHEN s."id" IS NULL THEN 'IN_ATTESA' WHEN s."tipo" IN ('FLUSSO', 'MANUALE') THEN 'TRASMESSO' ELSE s."tipo"::text END AS "esito",
             s."createdAt" AS "trasmessoAt",
             COALESCE(s."createdAt", now()) > r."scadenza" AS "inRitardo",
             (SELECT COUNT(*)::int FROM "RicognizionePec" p WHERE p."ricognizioneEnteId" = re."id" AND p."round" <> 'avvio') AS "solleciti",
             CASE WHEN s."id" IS NOT NULL THEN
               (SELECT COUNT(*)::int FROM "HousingUnit" u WHERE u."snapshotId" = s."id" AND u."stato" NOT IN ('ALIENATO', 'DEMOLITO')) END AS "unita"
      FROM "RicognizioneEnte" re
      JOIN "Ricognizione" r ON r."id" = re."ricognizioneId"
      JOIN "Ente" e ON e."id" = re."enteId"
      LEFT JOIN "StockSnapshot" s ON s."enteId" = re."enteId" AND s."dataRiferimento" = r."dataRiferimento"
      WHERE re."ricognizioneId" = ${ricognizioneId}
    )
    SELECT * FROM rows WHERE ${Prisma.join(conditions, ' AND ')}`;
}

export async function campaignPage(db: Db, ricognizioneId: string, filter: CampaignFilter, page: { pagina: number; perPagina: number }) {
  const rows = campaignRows(ricognizioneId, filter);
  const [items, [count]] = await Promise.all([
    db.$queryRaw<CampaignRow[]>`${rows} ORDER BY "denominazione", "enteId" LIMIT ${page.perPagina} OFFSET ${(page.pagina - 1) * page.perPagina}`,
    db.$queryRaw<{ total: number }[]>`SELECT COUNT(*)::int AS "total" FROM (${rows}) counted`,
  ]);
  return { items, total: count?.total ?? 0 };
}

export function allCampaignRows(db: Db, ricognizioneId: string, filter: CampaignFilter): Promise<CampaignRow[]> {
  return db.$queryRaw<CampaignRow[]>`${campaignRows(ricognizioneId, filter)} ORDER BY "denominazione", "enteId"`;
}

export type CampaignTotals = Totali;

export async function campaignTotals(db: Db, ricognizioneId: string): Promise<CampaignTotals> {
  const rows = await db.$queryRaw<{ tipo: EnteTipo; esito: Esito; inRitardo: boolean; enti: number; unita: number }[]>`
    SELECT "tipo", "esito", "inRitardo", COUNT(*)::int AS "enti", COALESCE(SUM("unita"), 0)::int AS "unita"
    FROM (${campaignRows(ricognizioneId, {})}) rows GROUP BY "tipo", "esito", "inRitardo"`;
  const totals: CampaignTotals = {
    enti: 0,
    perEsito: { IN_ATTESA: 0, TRASMESSO: 0, CONSISTENZA_NULLA: 0, NESSUNA_VARIAZIONE: 0 },
    inRitardo: 0,
    unita: { agenzie: 0, comuni: 0 },
  };
  for (const row of rows) {
    totals.enti += row.enti;
    totals.perEsito[row.esito] += row.enti;
    if (row.inRitardo) totals.inRitardo += row.enti;
    if (row.tipo === 'COMUNE') totals.unita.comuni += row.unita;
    else totals.unita.agenzie += row.unita;
  }
  return totals;
}
