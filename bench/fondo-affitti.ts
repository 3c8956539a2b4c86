// bench:fondo-affitti — the rent-support call's busiest moment and its riparto: every Comune of Puglia (257)
// submits its application through the API within the same second (each a person signed in, its documents
// uploaded before; the requests sent from a process of their own, as browsers are), then each application
// is protocolled in by its procedure; and the riparto of 257 Comuni, the pure computation and the Region's
// preview through the API. Aims (issue 11): 0 errors, p95 ≤ 1 s for the submissions, protocol numbers
// gapless; riparto ≤ 50 ms. Beside them the raw baselines: 257 Updates that do nothing but answer, sent at
// once (from another process too) to 257 bare workflows on the same Temporal server and machine — the
// floor under any submission through a workflow's Update — and 257 Signals, answered once history holds
// them without waiting for the workflow's step.
import { performance } from 'node:perf_hooks';
import globalSetup from '../tests/support/global-setup';
import { startTestServer } from '../tests/support/api-server';
import { demoCf } from '../tests/support/demo';
import { stopAll } from '../tests/support/running-servers';
import { signIn, type ApiSession } from '../tests/support/sign-in';
import { codiceFiscaleCheckChar } from '../workflows/shared/codice-fiscale';
import { calcolaRiparto, RIPARTO_DEFAULTS } from '../workflows/shared/fondo-affitti/riparto';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createWorker } from '../platform/worker';
import type { BurstFigures, BurstPlan } from './fondo-affitti-burst';
import { machine, saveResults, summarize } from './stats';
import { figuresFromChild } from './support/child';
import { pingUpdate, stopUpdate } from './workflows';

const ANNO = 2099;
const RIPARTO_RUNS = 200;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(what: string, read: () => Promise<T | undefined>, timeoutMs = 600_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(250);
  }
}

async function main() {
  await globalSetup();
  const server = await startTestServer();
  const { db } = server.platform;
  try {
    // Every Comune active, with a PEC address and a FONDO_AFFITTI referente of its own.
    const comuni = await db.ente.findMany({ where: { tipo: 'COMUNE' }, select: { id: true, denominazione: true }, orderBy: { codice: 'asc' } });
    await db.ente.updateMany({ where: { tipo: 'COMUNE' }, data: { stato: 'ATTIVO' } });
    for (const comune of comuni) await db.ente.update({ where: { id: comune.id }, data: { pec: `protocollo.${comune.id.slice(0, 8)}@pec.bench.example` } });
    const people = comuni.map((comune, index) => {
      const first15 = `BNCFND80A01A${String(index).padStart(3, '0')}`;
      return { comune, codiceFiscale: `${first15}${codiceFiscaleCheckChar(first15)}` };
    });
    for (const person of people) {
      await db.user.upsert({
        where: { codiceFiscale: person.codiceFiscale },
        update: {},
        create: { codiceFiscale: person.codiceFiscale, nome: 'Referente', cognome: person.comune.denominazione, roles: { create: { enteId: person.comune.id, ruolo: 'REFERENTE', area: 'FONDO_AFFITTI' } } },
      });
    }
    const sessions: ApiSession[] = [];
    for (const person of people) sessions.push(await signIn(server.baseUrl, person.codiceFiscale, { nome: 'Referente', cognome: person.comune.denominazione }));
    console.log(`${sessions.length} referenti signed in`);

    // The Region opens the call: drafted, sent to signature, signed.
    const [istruttore, dirigente] = await Promise.all([signIn(server.baseUrl, demoCf('regione.istruttore')), signIn(server.baseUrl, demoCf('regione.dirigente'))]);
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome' }).format(new Date());
    const created = await istruttore.postJson<{ id: string; workflowId: string }>('/api/fondo-affitti/bandi', {
      anno: ANNO, titolo: `Fondo sostegno locazioni ${ANNO} (bench)`, apertura: today, scadenza: `${new Date().getFullYear() + 1}-12-31`,
      fonti: [{ riferimento: 'DM bench', importo: '18900000.00', quota: 'ORDINARIA' }, { riferimento: 'DGR bench', importo: '5000000.00', quota: 'PREMIALE' }],
    });
    if (created.status !== 201) throw new Error(`the call was not created: ${JSON.stringify(created.body)}`);
    const { id: bandoId, workflowId } = created.body;
    await until('the draft', async () => ((await istruttore.json<{ puoInviareAllaFirma: boolean }>(`/api/fondo-affitti/bandi/${bandoId}`)).body.puoInviareAllaFirma ? true : undefined));
    await istruttore.postJson(`/api/fondo-affitti/bandi/${bandoId}/invio-alla-firma`, {});
    const firma = await until('the signature task', () => db.task.findFirst({ where: { workflowId, taskKey: 'firma-bando-1', stato: 'APERTA' } }).then((task) => task ?? undefined));
    await dirigente.postJson(`/api/tasks/${firma.id}/complete`, { decision: { esito: 'FIRMA', impronta: (firma.data as { atto: { sha256: string } }).atto.sha256 } });
    const opening = performance.now();
    const tasks = await until('257 application tasks', async () => {
      const open = await db.task.findMany({ where: { formKey: 'domanda-fondo-affitti', stato: 'APERTA', data: { path: ['bandoId'], equals: bandoId } }, select: { id: true, enteId: true } });
      return open.length >= comuni.length ? open : undefined;
    });
    const openedMs = performance.now() - opening;
    console.log(`${tasks.length} applications opened (tasks, PEC) in ${Math.round(openedMs)} ms`);
    const taskOf = new Map(tasks.map((task) => [task.enteId, task.id]));

    // Each Comune uploads its two PDFs beforehand, as people do over the weeks of the window.
    const decisions = await Promise.all(people.map(async (person, index) => {
      const taskId = taskOf.get(person.comune.id)!;
      const upload = async (campo: string) => {
        const form = new FormData();
        form.set('file', new Blob([`%PDF-1.4 ${campo} ${index}`], { type: 'application/pdf' }), `${campo}.pdf`);
        const response = await sessions[index]!.json<{ id: string }>(`/api/tasks/${taskId}/documenti/${campo}`, { method: 'POST', body: form });
        if (response.status !== 201) throw new Error(`upload ${campo}: ${response.status}`);
        return response.body.id;
      };
      const ammissibili = 20 + (index % 60);
      return {
        taskId,
        decision: {
          fasce: {
            A: { ricevute: ammissibili + 10, ammissibili, esclusi: 10, fabbisogno: `${ammissibili * 2500}.00` },
            B: { ricevute: 12, ammissibili: 10, esclusi: 2, fabbisogno: '15000.00' },
          },
          cofinanziamento: index % 3 === 0 ? '0.00' : `${ammissibili * 600}.00`,
          ...(index % 3 === 0 ? {} : { attoCofinanziamento: `DGC n. ${index} del 10/01/${ANNO}` }),
          bandoComunaleDocumentId: await upload('bandoComunaleDocumentId'),
          graduatoriaDocumentId: await upload('graduatoriaDocumentId'),
        },
      };
    }));

    // The moment is the deadline, weeks after the opening: by then the opening's PEC traffic (257 messages,
    // their receipts read and signalled to the call) has long settled.
    await until('the opening PECs delivered', async () => ((await db.pecMessage.count({ where: { stato: { in: ['INVIATO', 'ACCETTATO'] } } })) === 0 ? true : undefined));

    // The moment: all 257 submit at once, from a process of their own as their browsers are.
    // The burst's moment on the monotonic clock, to read a --cpu-prof profile of it (bench/support/profile-window.ts).
    const burstStartUs = process.hrtime.bigint() / 1000n;
    const burst = await burstInChild({
      kind: 'submissions',
      baseUrl: server.baseUrl,
      requests: decisions.map(({ taskId, decision }, index) => ({ path: `/api/tasks/${taskId}/complete`, cookie: sessions[index]!.cookie, csrfToken: sessions[index]!.csrfToken, body: { decision } })),
    });
    console.log(`BURST_WINDOW_US ${burstStartUs} ${process.hrtime.bigint() / 1000n}`);
    for (const error of burst.errors) console.error(`submission ${error}`);
    const errors = burst.errors.length;
    const submittedMs = burst.allAnsweredMs;
    const latencies = burst.latencies;
    // When the first was sent, on this process's clock (the child's start-up is not the platform's time).
    const submitting = performance.now() - submittedMs;
    const protocolled = await until('257 protocol registrations', async () => {
      const rows = await db.domandaFondo.findMany({ where: { bandoId, protocolloId: { not: null } }, select: { protocolloId: true } });
      return rows.length >= comuni.length ? rows : undefined;
    });
    const allProtocolledMs = performance.now() - submitting;
    const registrations = await db.protocolRegistration.findMany({ where: { id: { in: protocolled.map((row) => row.protocolloId!) } }, select: { number: true, year: true } });
    const numbers = registrations.map((registration) => registration.number).sort((a, b) => a - b);
    const [first, last] = [numbers[0]!, numbers.at(-1)!];
    // Gapless: every number between the first and the last is in the register, these or others'.
    const inRange = await db.protocolRegistration.count({ where: { year: registrations[0]!.year, number: { gte: first, lte: last } } });
    const gapless = inRange === last - first + 1 && new Set(numbers).size === numbers.length;
    console.log(`protocol numbers ${first}–${last}: ${gapless ? 'gapless' : 'WITH GAPS'}`);

    // The riparto of 257 Comuni: the pure computation, and the Region's preview through the API (database
    // read + computation + answer) once every application is admitted.
    await db.domandaFondo.updateMany({ where: { bandoId }, data: { stato: 'AMMESSA' } });
    const domande = (await db.domandaFondo.findMany({ where: { bandoId }, include: { ente: { select: { ata: true } } } })).map((row) => ({
      enteId: row.enteId,
      fabbisognoCents: Math.round(Number(row.fabbisognoA) * 100) + Math.round(Number(row.fabbisognoB) * 100),
      cofinanziamentoCents: Math.round(Number(row.cofinanziamento) * 100),
      ata: row.ente.ata,
    }));
    const pure: number[] = [];
    for (let run = 0; run < RIPARTO_RUNS; run++) {
      const started = performance.now();
      calcolaRiparto(domande, { quotaOrdinariaCents: 1_890_000_000, quotaPremialeCents: 500_000_000, ...RIPARTO_DEFAULTS });
      pure.push(performance.now() - started);
    }
    const preview: number[] = [];
    for (let run = 0; run < 20; run++) {
      const started = performance.now();
      const response = await istruttore.fetch(`/api/fondo-affitti/bandi/${bandoId}/riparto`);
      await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`riparto preview: ${response.status}`);
      preview.push(performance.now() - started);
    }

    const floor = await floorsAtOnce(server.platform, comuni.length);

    const results = {
      benchmark: 'fondo-affitti',
      date: new Date().toISOString(),
      machine: machine(),
      comuni: comuni.length,
      applicationsOpenedMs: Math.round(openedMs),
      submissions: { errors, ...summarize(latencies), allAnsweredMs: Math.round(submittedMs), clientCpuMs: burst.clientCpuMs },
      floorBareUpdatesAtOnceMs: floor.updates,
      floorBareSignalsAtOnceMs: floor.signals,
      allProtocolledMs: Math.round(allProtocolledMs),
      protocol: { first, last, gapless },
      ripartoPureMs: summarize(pure),
      ripartoPreviewApiMs: summarize(preview),
      aims: { errors: 0, submissionP95Ms: 1000, ripartoMs: 50 },
    };
    const file = await saveResults('fondo-affitti', results);
    console.table({ 'submission (POST complete)': results.submissions, 'floor: 257 bare Updates at once': floor.updates, 'floor: 257 bare Signals at once': floor.signals, 'riparto, pure (257 Comuni)': results.ripartoPureMs, 'riparto preview (API)': results.ripartoPreviewApiMs });
    console.log(`errors: ${errors}; all answered in ${Math.round(submittedMs)} ms; all protocolled in ${Math.round(allProtocolledMs)} ms; protocol ${gapless ? 'gapless' : 'with gaps'}`);
    console.log(`saved ${file}`);
  } finally {
    await server.close();
    await stopAll();
  }
}

/** `count` bare workflows on a queue of their own, then one Update each, all at once from another process, then one Signal each: the latencies. */
async function floorsAtOnce(platform: Awaited<ReturnType<typeof startTestServer>>['platform'], count: number) {
  const taskQueue = `bench-bare-${randomUUID()}`;
  const { worker, connection } = await createWorker({ address: platform.address, namespace: 'default', taskQueue, activities: platform.adapters.activities, workflowsPath: path.join(__dirname, 'workflows.ts') });
  const running = worker.run();
  try {
    const handles = await Promise.all(Array.from({ length: count }, (_, index) => platform.client.workflow.start('bareUpdate', { taskQueue, workflowId: `${taskQueue}-${index}` })));
    // One Update each first, so that every workflow is cached and started, as the applications were.
    await Promise.all(handles.map((handle, index) => handle.executeUpdate(pingUpdate, { args: [index] })));
    const workflowIds = handles.map((handle) => handle.workflowId);
    const updates = await burstInChild({ kind: 'bare-updates', address: platform.address, workflowIds });
    const signals = await burstInChild({ kind: 'bare-signals', address: platform.address, workflowIds });
    await Promise.all(handles.map((handle) => handle.executeUpdate(stopUpdate)));
    return { updates: summarize(updates.latencies), signals: summarize(signals.latencies) };
  } finally {
    worker.shutdown();
    await running;
    await connection.close();
  }
}

/** Runs bench/fondo-affitti-burst.ts on `plan`, handed over in a file. */
async function burstInChild(plan: BurstPlan): Promise<BurstFigures> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'push-bench-'));
  try {
    const file = path.join(dir, 'plan.json');
    await writeFile(file, JSON.stringify(plan));
    return await figuresFromChild<BurstFigures>(path.join(__dirname, 'fondo-affitti-burst.ts'), { BENCH_PLAN: file });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
