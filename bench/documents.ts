// bench:documents — per document: render (Chromium) + sign (PAdES) + file (document store) + protocol
// (number and signed segnatura), p50/p95, with each stage apart; and protocol numbering throughput with
// 20 concurrent requests beside the floor, a bare counter increment in the same PostgreSQL.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startAdapters } from '../platform/adapters';
import { loadConfig } from '../platform/config';
import { createDb } from '../prisma/client';
import { loadReferenceData } from '../prisma/seed/reference-data';
import globalSetup from '../tests/support/global-setup';
import { stopAll } from '../tests/support/running-servers';
import { machine, saveResults, summarize } from './stats';

const DOCUMENTS = Number(process.env.BENCH_DOCUMENTS ?? 50);
const CONCURRENCY = 20;
const PER_CLIENT = Number(process.env.BENCH_REGISTRATIONS_PER_CLIENT ?? 25);

async function main() {
  await globalSetup();
  const db = createDb(process.env.DATABASE_URL!, CONCURRENCY + 5);
  const ref = await loadReferenceData(db);
  const aoo = `AOO_BENCH_${Date.now()}`;
  const config = loadConfig({ ...process.env, PUSH_DATA_DIR: process.env.PUSH_TEST_DATA_DIR!, PEC_LOCAL_PORT: '0', PROTOCOL_AOO: aoo });
  const running = await startAdapters(config, db, process.env.DATABASE_URL!);
  const { pdf, signer, documents, protocol } = running.adapters;
  try {
    const sample = JSON.parse(await readFile(path.join(__dirname, '../templates/samples/provvedimento-accreditamento.json'), 'utf8')) as Record<string, unknown>;
    const signerUserId = ref.users['regione.dirigente'];
    const stages = { render: [] as number[], sign: [] as number[], file: [] as number[], protocol: [] as number[], total: [] as number[] };
    for (let i = -3; i < DOCUMENTS; i++) {
      const key = `bench/${randomUUID()}`;
      const t0 = performance.now();
      const rendered = await pdf.render('provvedimento-accreditamento', sample);
      const t1 = performance.now();
      const signed = await signer.signPdf({ pdf: rendered, signerUserId, reason: 'Provvedimento di accreditamento', idempotencyKey: key });
      const t2 = performance.now();
      const stored = await documents.store({ idempotencyKey: key, content: signed, filename: 'provvedimento.pdf', mimeType: 'application/pdf', titolo: 'Provvedimento', tipo: 'PROVVEDIMENTO_ACCREDITAMENTO', enteId: ref.regioneId });
      const t3 = performance.now();
      await protocol.register({
        idempotencyKey: key, direction: 'USCITA', oggetto: 'Provvedimento di accreditamento', corrispondente: 'Comune di Bari', workflowId: key,
        documenti: { primario: { nome: stored.filename, sha256: stored.sha256, documentId: stored.id }, allegati: [] },
      });
      const t4 = performance.now();
      if (i < 0) continue; // warm-up: the first render launches Chromium
      stages.render.push(t1 - t0);
      stages.sign.push(t2 - t1);
      stages.file.push(t3 - t2);
      stages.protocol.push(t4 - t3);
      stages.total.push(t4 - t0);
    }

    const numberingStart = performance.now();
    const numbers = (await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      const mine: number[] = [];
      for (let i = 0; i < PER_CLIENT; i++) {
        const registration = await protocol.register({
          idempotencyKey: `bench-n/${randomUUID()}`, direction: 'ENTRATA', oggetto: 'Comunicazione', corrispondente: 'Comune di Lecce', workflowId: 'bench',
          documenti: { primario: { nome: 'comunicazione.txt', sha256: 'a'.repeat(64) }, allegati: [] },
        });
        mine.push(registration.number);
      }
      return mine;
    }))).flat();
    const numberingSeconds = (performance.now() - numberingStart) / 1000;
    const sorted = [...numbers].sort((a, b) => a - b);
    const gapless = sorted.every((n, i) => i === 0 || n === sorted[i - 1]! + 1);

    const floorStart = performance.now();
    await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
      for (let i = 0; i < PER_CLIENT; i++) {
        await db.$queryRaw`INSERT INTO "ProtocolCounter" ("aoo", "register", "year", "lastNumber") VALUES (${`${aoo}_FLOOR`}, 'PG', 2026, 1)
          ON CONFLICT ("aoo", "register", "year") DO UPDATE SET "lastNumber" = "ProtocolCounter"."lastNumber" + 1 RETURNING "lastNumber"`;
      }
    }));
    const floorSeconds = (performance.now() - floorStart) / 1000;

    const total = CONCURRENCY * PER_CLIENT;
    const results = {
      benchmark: 'documents',
      date: new Date().toISOString(),
      machine: machine(),
      documents: DOCUMENTS,
      perDocumentMs: {
        total: summarize(stages.total),
        render: summarize(stages.render),
        sign: summarize(stages.sign),
        file: summarize(stages.file),
        protocol: summarize(stages.protocol),
      },
      numbering: {
        concurrentClients: CONCURRENCY,
        registrations: total,
        perSecond: Math.round(total / numberingSeconds),
        gapless,
        floorBareCounterIncrementsPerSecond: Math.round(total / floorSeconds),
      },
    };
    const file = await saveResults('documents', results);
    console.table(results.perDocumentMs);
    console.log(`protocol numbering, ${CONCURRENCY} concurrent clients: ${results.numbering.perSecond} registrations/s with signed segnatura (gapless: ${gapless}); floor ${results.numbering.floorBareCounterIncrementsPerSecond} bare increments/s`);
    console.log(`saved ${path.relative(process.cwd(), file)}`);
  } finally {
    await running.close();
    await db.$disconnect();
    await stopAll();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
