// Where the manual form starts, so that an ente edits its stock instead of typing it again: the last
// manual attempt of this transmission (the referente is correcting it), else the ente's last official
// snapshot before the reference date, else nothing. A snapshot too large for the form is not loaded.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../../prisma/client';
import type { SnapshotTipo } from '../../../prisma/generated/enums';
import type { DocumentStore } from '../../documents/document-store';
import type { ParsedBuilding, ParsedUnit } from '../../stock/types';
import { FLUSSO_DOCUMENTO } from '../../../workflows/shared/flussi';
import { readFlusso } from '../validation/read-flusso';

export type ManualStartingPoint =
  | { origine: 'VUOTO'; fabbricati: []; unita: [] }
  | { origine: 'CARICAMENTO'; tentativo: number; fabbricati: ParsedBuilding[]; unita: ParsedUnit[] }
  | { origine: 'SNAPSHOT'; dataSnapshot: string; tipo: SnapshotTipo; fabbricati: ParsedBuilding[]; unita: ParsedUnit[] }
  /** The last official snapshot holds more units than the form takes: the ente uploads a flusso. */
  | { origine: 'SNAPSHOT_TROPPO_GRANDE'; dataSnapshot: string; unitaSnapshot: number; fabbricati: []; unita: [] };

export interface StartingPointRequest {
  workflowId: string;
  enteId: string;
  /** YYYY-MM-DD: the snapshot taken is the last one before it. */
  dataRiferimento: string;
  maxUnita: number;
}

export async function manualStartingPoint(db: Db, documents: DocumentStore, request: StartingPointRequest): Promise<ManualStartingPoint> {
  const attempt = await lastManualAttempt(db, documents, request.workflowId);
  if (attempt) return attempt;
  const snapshot = await db.stockSnapshot.findFirst({
    where: { enteId: request.enteId, dataRiferimento: { lt: new Date(`${request.dataRiferimento}T00:00:00Z`) } },
    orderBy: { dataRiferimento: 'desc' },
  });
  if (!snapshot) return { origine: 'VUOTO', fabbricati: [], unita: [] };
  const dataSnapshot = snapshot.dataRiferimento.toISOString().slice(0, 10);
  if (snapshot.unitsCount > request.maxUnita) {
    return { origine: 'SNAPSHOT_TROPPO_GRANDE', dataSnapshot, unitaSnapshot: snapshot.unitsCount, fabbricati: [], unita: [] };
  }
  const [buildings, units] = await Promise.all([
    db.building.findMany({ where: { snapshotId: snapshot.id }, orderBy: { codice: 'asc' } }),
    db.housingUnit.findMany({ where: { snapshotId: snapshot.id }, orderBy: { codice: 'asc' } }),
  ]);
  return {
    origine: 'SNAPSHOT',
    dataSnapshot,
    tipo: snapshot.tipo,
    fabbricati: buildings.map(({ codice, indirizzo, istatComune, latitudine, longitudine, annoCostruzione, piani, statoConservazione }) =>
      ({ codice, indirizzo, istatComune, latitudine, longitudine, annoCostruzione, piani, statoConservazione })),
    unita: units.map(({ codice, buildingCodice, foglio, particella, subalterno, categoria, superficie, vani, uso, stato, dataVendita, canoneMensile }) =>
      ({ codice, buildingCodice, foglio, particella, subalterno, categoria, superficie, vani, uso, stato, dataVendita: dataVendita?.toISOString().slice(0, 10) ?? null, canoneMensile: canoneMensile?.toFixed(2) ?? null })),
  };
}

/** The latest attempt of the transmission that came from the form, read back from the flusso it filed. */
async function lastManualAttempt(db: Db, documents: DocumentStore, workflowId: string): Promise<ManualStartingPoint | null> {
  const uploads = await db.flussoUpload.findMany({ where: { workflowId }, orderBy: { tentativo: 'desc' }, select: { tentativo: true, documentId: true } });
  if (uploads.length === 0) return null;
  const manual = await db.document.findMany({ where: { id: { in: uploads.map((u) => u.documentId) }, tipo: FLUSSO_DOCUMENTO.manuale }, select: { id: true } });
  const ids = new Set(manual.map((document) => document.id));
  const latest = uploads.find((upload) => ids.has(upload.documentId));
  if (!latest) return null;
  const { content } = await documents.read(latest.documentId);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'push-manuale-'));
  try {
    const file = path.join(dir, 'flusso.xml');
    await writeFile(file, content);
    const read = await readFlusso(file, { size: (await stat(file)).size, maxBytes: content.length });
    // The platform wrote this file itself: it always reads; if it ever did not, the snapshot is the next best start.
    if (!read.ok) return null;
    return { origine: 'CARICAMENTO', tentativo: latest.tentativo, fabbricati: read.records.buildings, unita: read.records.units };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
