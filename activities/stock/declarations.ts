// The two declarations that carry no rows of their own: "consistenza nulla" (the ente owns no public
// housing at that date) and "nessuna variazione" (the stock is the one last transmitted). Both make
// a real snapshot, so every "as of" query reads one rule: the latest snapshot on or before the date.
import { randomUUID } from 'node:crypto';
import type { Db } from '../../prisma/client';
import type { Prisma } from '../../prisma/generated/client';
import { dataItaliana } from '../../workflows/shared/dates';
import { STOCK_FAILURE, requireIsoDate, stockRejection, stockRetryable } from './errors';
import { findSnapshot, sameTransmissionOrRefuse } from './existing-snapshot';
import { refreshStatistics } from './statistics';
import type { LoadedSnapshot, SnapshotMeta } from './types';

type Tx = Prisma.TransactionClient;
type DeclarationTipo = 'CONSISTENZA_NULLA' | 'NESSUNA_VARIAZIONE';

/** Copying a regional ARCA's 20,000 units takes a second or two; Prisma's default 5 s would be tight under load. */
const TRANSACTION = { maxWait: 10_000, timeout: 120_000 };

async function insertSnapshot(tx: Tx, tipo: DeclarationTipo, meta: SnapshotMeta, counts: { buildings: number; units: number }): Promise<string | undefined> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "StockSnapshot" ("id", "enteId", "dataRiferimento", "tipo", "workflowId", "protocolloId", "documentId", "buildingsCount", "unitsCount")
    VALUES (${randomUUID()}, ${meta.enteId}, ${meta.dataRiferimento}::date, ${tipo}::"SnapshotTipo", ${meta.workflowId ?? null},
            ${meta.protocolloId ?? null}, ${meta.documentId ?? null}, ${counts.buildings}, ${counts.units})
    ON CONFLICT ("enteId", "dataRiferimento") DO NOTHING
    RETURNING "id"`;
  return rows[0]?.id;
}

/**
 * Runs `create` unless the (ente, date) already has a snapshot; a stored or concurrently committed
 * snapshot is returned if it is this very declaration, refused otherwise (existing-snapshot.ts).
 */
async function declare(db: Db, tipo: DeclarationTipo, meta: SnapshotMeta, create: (tx: Tx) => Promise<LoadedSnapshot | undefined>): Promise<LoadedSnapshot> {
  requireIsoDate(meta.dataRiferimento, 'dataRiferimento');
  const existing = await findSnapshot(db, meta.enteId, meta.dataRiferimento);
  if (existing) return sameTransmissionOrRefuse(existing, tipo, meta);
  const created = await db.$transaction(create, TRANSACTION);
  if (created) {
    await refreshStatistics(db, created.units);
    return created;
  }
  const winner = await findSnapshot(db, meta.enteId, meta.dataRiferimento);
  if (!winner) throw stockRetryable(STOCK_FAILURE.concurrentChange, `Lo snapshot dell'ente al ${meta.dataRiferimento} è cambiato durante la registrazione: si riprova.`);
  return sameTransmissionOrRefuse(winner, tipo, meta);
}

/** The ente declares it owns no public housing at the reference date: an empty snapshot. */
export function consistenzaNulla(db: Db, meta: SnapshotMeta): Promise<LoadedSnapshot> {
  return declare(db, 'CONSISTENZA_NULLA', meta, async (tx) => {
    const snapshotId = await insertSnapshot(tx, 'CONSISTENZA_NULLA', meta, { buildings: 0, units: 0 });
    return snapshotId === undefined ? undefined : { snapshotId, buildings: 0, units: 0 };
  });
}

/**
 * The ente declares no change since its last official transmission: the previous snapshot's buildings
 * and units are copied, server-side (INSERT … SELECT), into a snapshot at the new date. Refused when
 * the ente has no snapshot before that date — there is nothing to confirm.
 */
export function nessunaVariazione(db: Db, meta: SnapshotMeta): Promise<LoadedSnapshot> {
  return declare(db, 'NESSUNA_VARIAZIONE', meta, async (tx) => {
    const [previous] = await tx.$queryRaw<{ id: string; buildingsCount: number; unitsCount: number }[]>`
      SELECT "id", "buildingsCount", "unitsCount" FROM "StockSnapshot"
      WHERE "enteId" = ${meta.enteId} AND "dataRiferimento" < ${meta.dataRiferimento}::date
      ORDER BY "dataRiferimento" DESC LIMIT 1`;
    if (!previous) {
      throw stockRejection(
        STOCK_FAILURE.noPreviousSnapshot,
        `Nessuna variazione non è dichiarabile: l'ente non ha trasmesso alcuno stock prima del ${dataItaliana(meta.dataRiferimento)}.`,
      );
    }
    const snapshotId = await insertSnapshot(tx, 'NESSUNA_VARIAZIONE', meta, { buildings: previous.buildingsCount, units: previous.unitsCount });
    if (snapshotId === undefined) return undefined;
    await tx.$executeRaw`
      INSERT INTO "Building" ("id", "snapshotId", "codice", "indirizzo", "istatComune", "latitudine", "longitudine", "annoCostruzione", "piani", "statoConservazione")
      SELECT gen_random_uuid()::text, ${snapshotId}, "codice", "indirizzo", "istatComune", "latitudine", "longitudine", "annoCostruzione", "piani", "statoConservazione"
      FROM "Building" WHERE "snapshotId" = ${previous.id}`;
    await tx.$executeRaw`
      INSERT INTO "HousingUnit" ("id", "snapshotId", "codice", "buildingCodice", "foglio", "particella", "subalterno", "categoria", "superficie", "vani", "uso", "stato", "dataVendita", "canoneMensile")
      SELECT gen_random_uuid()::text, ${snapshotId}, "codice", "buildingCodice", "foglio", "particella", "subalterno", "categoria", "superficie", "vani", "uso", "stato", "dataVendita", "canoneMensile"
      FROM "HousingUnit" WHERE "snapshotId" = ${previous.id}`;
    return { snapshotId, buildings: previous.buildingsCount, units: previous.unitsCount };
  });
}
