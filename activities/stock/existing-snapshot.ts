// The rule for an (ente, reference date) that already holds a snapshot. The official record of a date
// is written once and never silently replaced: a call that repeats the stored transmission — same
// tipo, same rows, and the same procedure, protocol and document where it names them — is a retried
// activity and gets the stored snapshot back without a write; anything else is refused
// (non-retryable), because replacing an official transmission needs a procedure of its own, with its
// own protocol.
import { createHash } from 'node:crypto';
import { centsOf, decimalOf } from '../../workflows/shared/money';
import type { Db } from '../../prisma/client';
import type { SnapshotTipo, StockSnapshot } from '../../prisma/generated/client';
import { dataItaliana } from '../../workflows/shared/dates';
import { STOCK_FAILURE, stockRejection } from './errors';
import type { LoadedSnapshot, ParsedBuilding, ParsedUnit, SnapshotMeta } from './types';

export const dateOnly = (isoDate: string) => new Date(`${isoDate}T00:00:00Z`);

export function findSnapshot(db: Db, enteId: string, dataRiferimento: string): Promise<StockSnapshot | null> {
  return db.stockSnapshot.findUnique({ where: { enteId_dataRiferimento: { enteId, dataRiferimento: dateOnly(dataRiferimento) } } });
}

const loaded = (row: StockSnapshot): LoadedSnapshot => ({ snapshotId: row.id, buildings: row.buildingsCount, units: row.unitsCount });

/**
 * A reference the call gives that differs from the stored one. One the call leaves empty is not
 * compared: the procedure may record the protocol on the snapshot after loading it.
 */
const differs = (given: string | null | undefined, stored: string | null) => given !== null && given !== undefined && given !== stored;

/** Refuses unless `stored` is the very transmission asked for; returns it when it is. */
export function sameTransmissionOrRefuse(stored: StockSnapshot, tipo: SnapshotTipo, meta: SnapshotMeta): LoadedSnapshot {
  const differences = [
    stored.tipo !== tipo && `tipo ${stored.tipo} invece di ${tipo}`,
    differs(meta.workflowId, stored.workflowId) && `procedimento ${stored.workflowId ?? '(nessuno)'}`,
    differs(meta.protocolloId, stored.protocolloId) && `protocollo ${stored.protocolloId ?? '(nessuno)'}`,
    differs(meta.documentId, stored.documentId) && `documento ${stored.documentId ?? '(nessuno)'}`,
  ].filter((difference): difference is string => typeof difference === 'string');
  if (differences.length > 0) throw alreadyRegistered(meta, differences.join(', '));
  return loaded(stored);
}

function alreadyRegistered(meta: SnapshotMeta, what: string): Error {
  return stockRejection(
    STOCK_FAILURE.snapshotExists,
    `Lo stock dell'ente al ${dataItaliana(meta.dataRiferimento)} è già registrato con un contenuto diverso (${what}): ` +
      'una trasmissione ufficiale non si sostituisce.',
  );
}

/** One line per record, fields in a fixed order, absent values as null: the same for the input and the stored rows. */
const buildingKey = (b: ParsedBuilding) =>
  JSON.stringify([b.codice, b.indirizzo, b.istatComune, b.latitudine ?? null, b.longitudine ?? null, b.annoCostruzione ?? null, b.piani ?? null, b.statoConservazione ?? null]);
const unitKey = (u: ParsedUnit) =>
  JSON.stringify([
    u.codice, u.buildingCodice, u.foglio, u.particella, u.subalterno, u.categoria, u.superficie, u.vani ?? null, u.uso, u.stato,
    u.dataVendita ?? null, u.canoneMensile === null || u.canoneMensile === undefined ? null : decimalOf(centsOf(u.canoneMensile)),
  ]);

/** An order-independent digest of a stock: numbers compare exactly, as COPY stores the shortest exact text of each. */
export function contentDigest(buildings: readonly ParsedBuilding[], units: readonly ParsedUnit[]): string {
  const hash = createHash('sha256');
  for (const line of buildings.map(buildingKey).sort()) hash.update(line).update('\n');
  hash.update('--\n');
  for (const line of units.map(unitKey).sort()) hash.update(line).update('\n');
  return hash.digest('hex');
}

/** The stored rows of a snapshot in the loader's input shape. Read only on a retry, so its cost is paid rarely. */
async function storedContent(db: Db, snapshotId: string): Promise<{ buildings: ParsedBuilding[]; units: ParsedUnit[] }> {
  const [buildings, units] = await Promise.all([
    db.building.findMany({
      where: { snapshotId },
      select: {
        codice: true, indirizzo: true, istatComune: true, latitudine: true, longitudine: true, annoCostruzione: true, piani: true,
        statoConservazione: true,
      },
    }),
    db.housingUnit.findMany({
      where: { snapshotId },
      select: {
        codice: true, buildingCodice: true, foglio: true, particella: true, subalterno: true, categoria: true, superficie: true,
        vani: true, uso: true, stato: true, dataVendita: true, canoneMensile: true,
      },
    }),
  ]);
  return { buildings, units: units.map((unit) => ({ ...unit, dataVendita: unit.dataVendita?.toISOString().slice(0, 10) ?? null, canoneMensile: unit.canoneMensile?.toFixed(2) ?? null })) };
}

/**
 * For a loaded flusso or form: the metadata must match, and then the rows themselves. Buildings the
 * loader carried over from the previous snapshot (loader.ts) are not in the input, so only the stored
 * buildings the input names are compared.
 */
export async function sameStockOrRefuse(
  db: Db,
  stored: StockSnapshot,
  tipo: SnapshotTipo,
  meta: SnapshotMeta,
  buildings: readonly ParsedBuilding[],
  units: readonly ParsedUnit[],
): Promise<LoadedSnapshot> {
  const result = sameTransmissionOrRefuse(stored, tipo, meta);
  if (stored.unitsCount !== units.length) {
    throw alreadyRegistered(meta, `${stored.unitsCount} unità invece di ${units.length}`);
  }
  const content = await storedContent(db, stored.id);
  const named = new Set(buildings.map((building) => building.codice));
  const storedNamed = content.buildings.filter((building) => named.has(building.codice));
  if (contentDigest(storedNamed, content.units) !== contentDigest(buildings, units)) {
    throw alreadyRegistered(meta, 'dati di edifici o unità diversi');
  }
  return result;
}
