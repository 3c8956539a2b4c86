// Confirming a validated flusso. Its records are not kept between the upload and the confirmation (days
// may pass, and 70,000 of them cannot travel through the workflow), so the filed flusso is read once
// more — and loaded as it is read: PostgreSQL stores the rows already read while Node reads the next,
// each on its own core, so the reading adds no time to the load.
import { ApplicationFailure } from '@temporalio/common';
import type { Db } from '../../prisma/client';
import { IncomingRows, loadSnapshotAsRead, type LoadedSnapshot, type PgSource, type SnapshotHeader } from '../stock';
import { revalidateFlusso, type ValidateFlussoInput } from './validation';

export const flussoConErrori = () =>
  ApplicationFailure.create({ type: 'FLUSSO_CON_ERRORI', message: 'Il flusso ha errori: correggili e caricalo di nuovo prima di confermarlo.', nonRetryable: true });

/**
 * Loads the flusso of `validation.file` as the snapshot `header` names, in one transaction that commits
 * only if the rules pass once more; otherwise nothing is stored and the call fails with FLUSSO_CON_ERRORI.
 */
export async function loadValidatedFlusso(db: Db, pg: PgSource, header: SnapshotHeader, validation: ValidateFlussoInput): Promise<LoadedSnapshot> {
  const rows = new IncomingRows();
  const abort = new AbortController();
  const reading = revalidateFlusso({ ...validation, signal: abort.signal, onRecords: ({ buildings, units }) => rows.arrived(buildings, units) }).then(
    (result) => {
      if (result.esito === 'CON_ERRORI') return rows.fail(flussoConErrori());
      rows.arrived(result.buildings, result.units);
      rows.end();
    },
    (error: unknown) => rows.fail(error),
  );
  try {
    return await loadSnapshotAsRead(db, pg, header, rows);
  } finally {
    // Only a load that failed midway leaves the reading running: stop it, and let nothing outlive the call.
    abort.abort();
    await reading;
  }
}
