// Excel exports of the stock as jobs, so a person exporting the region's 70,000 units sees how far it
// is: POST starts one, GET reports rows written of the total (exportUnitsToExcel's progress), and the
// finished file downloads with its Content-Length. Files go to the temporary folder and are removed
// KEEP_MS after they are written (a file of a process that stopped stays in the temporary folder, which
// the system cleans); the registry lives in this process, which is enough for one API
// instance (several would need the file and the state in shared storage).
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { exportUnitsToExcel, type StockFilter } from '../../activities/stock';
import type { Db } from '../../prisma/client';
import type { BackgroundWork } from '../background-work';
import { AppError, notFound } from '../errors';

export type ExportState = 'IN_CORSO' | 'PRONTA' | 'ERRORE';

export interface ExportJob {
  id: string;
  userId: string;
  stato: ExportState;
  scritte: number;
  totale: number | null;
  filename: string;
  file: string;
  createdAt: Date;
}

/** A finished file is kept this long for the download (and a retried one). */
const KEEP_MS = 30 * 60_000;
/** Exports write from the API process: two at a time keep the two cores for everyone else. */
const MAX_RUNNING = 2;

export class ExportJobs {
  private readonly jobs = new Map<string, ExportJob>();

  constructor(
    private readonly db: Db,
    private readonly background: BackgroundWork,
    private readonly log: (message: string, error: unknown) => void = (message, error) => console.error(`[api] ${message}`, error),
  ) {}

  /** Starts writing the units matching `filter`; one running export per person. */
  start(userId: string, filter: StockFilter): ExportJob {
    const running = [...this.jobs.values()].filter((job) => job.stato === 'IN_CORSO');
    if (running.some((job) => job.userId === userId)) {
      throw new AppError('ESPORTAZIONE_IN_CORSO', 409, 'Hai già un’esportazione in corso: attendi che finisca.');
    }
    if (running.length >= MAX_RUNNING) {
      throw new AppError('SERVIZIO_NON_DISPONIBILE', 503, 'Troppe esportazioni in corso: riprova tra qualche istante.');
    }
    const id = randomUUID();
    const job: ExportJob = {
      id,
      userId,
      stato: 'IN_CORSO',
      scritte: 0,
      totale: null,
      filename: `alloggi-al-${filter.date}.xlsx`,
      file: path.join(os.tmpdir(), `push-alloggi-${id}.xlsx`),
      createdAt: new Date(),
    };
    this.jobs.set(id, job);
    this.background.track(this.run(job, filter));
    return job;
  }

  private async run(job: ExportJob, filter: StockFilter): Promise<void> {
    const stream = createWriteStream(job.file);
    // A write error (a full disk) must not go unhandled; finished() below rethrows it.
    stream.on('error', () => undefined);
    try {
      await exportUnitsToExcel(this.db, filter, stream, {
        onProgress: ({ written, total }) => {
          job.scritte = written;
          job.totale = total;
        },
      });
      await finished(stream);
      job.stato = 'PRONTA';
    } catch (error) {
      stream.destroy();
      job.stato = 'ERRORE';
      this.log(`export ${job.id} failed`, error);
      await rm(job.file, { force: true });
    }
    this.forgetLater(job);
  }

  private forgetLater(job: ExportJob): void {
    // unref: a pending clean-up never keeps the process (or a test run) alive.
    setTimeout(() => {
      this.jobs.delete(job.id);
      void rm(job.file, { force: true });
    }, KEEP_MS).unref();
  }

  /** The caller's own job; anyone else's is not found, like one that never existed. */
  get(userId: string, id: string): ExportJob {
    const job = this.jobs.get(id);
    if (!job || job.userId !== userId) throw notFound('Esportazione');
    return job;
  }
}
