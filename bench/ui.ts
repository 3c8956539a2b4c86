// bench:ui — the inbox with 100,000 tasks in the database: the API's latency for the list, the search and
// the tabs' counts for one user, for 20 users at work at once (a pause between their rounds, as people
// read), and for 20 clients with no pause (the saturation point); and the time from opening the inbox to
// its first rows in a real browser. Aims (issue 10): p95 ≤ 50 ms for the API, ≤ 1 s to a usable page. Beside them, the floor:
// the same users' bare authenticated request (GET /api/me), which every endpoint pays anyway.
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { COMUNE_BARI } from '../prisma/seed/enti';
import globalSetup from '../tests/support/global-setup';
import { startTestServer } from '../tests/support/api-server';
import { launchBrowser } from '../tests/support/browser';
import { demoCf } from '../tests/support/demo';
import { stopAll } from '../tests/support/running-servers';
import { machine, saveResults, summarize } from './stats';
import { figuresFromChild } from './support/child';
import type { LoadFigures } from './ui-load';

const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const PAINTS = 5;

/** 100,000 tasks in one statement: the Region's istruttori's, Bari's referenti's, and other enti's. */
async function seedTasks(server: Awaited<ReturnType<typeof startTestServer>>): Promise<void> {
  const { db, ref } = server.platform;
  const bari = ref.demoComuneIds[COMUNE_BARI];
  const others = (await db.ente.findMany({ where: { id: { notIn: [bari, ref.regioneId] } }, select: { id: true }, take: 200 })).map((ente) => ente.id);
  // The live inbox's trigger is left out of the bulk load: nobody is watching, and 100,000 notices would only queue.
  await db.$executeRawUnsafe('ALTER TABLE "Task" DISABLE TRIGGER "Task_notifica"');
  await db.$executeRaw`
    INSERT INTO "Task" ("id", "workflowId", "taskKey", "procedura", "titolo", "enteId", "candidateEnteId", "candidateRole",
      "assigneeId", "dueAt", "formKey", "data", "stato", "createdAt", "completedAt", "completedById")
    SELECT gen_random_uuid()::text, 'bench-ui-' || g, 'passo', 'invio-generico',
      'Presa in carico: ' || (ARRAY['Richiesta sopralluogo', 'Segnalazione guasto', 'Domanda di cambio alloggio', 'Dichiarazione di consistenza', 'Richiesta di chiarimenti'])[1 + g % 5] || ' n. ' || g,
      CASE WHEN g % 10 < 3 THEN ${bari} ELSE (${others}::text[])[1 + g % ${others.length}] END,
      CASE WHEN g % 10 < 4 THEN ${ref.regioneId} WHEN g % 10 < 7 THEN ${bari} ELSE (${others}::text[])[1 + g % ${others.length}] END,
      CASE WHEN g % 10 < 4 THEN 'ISTRUTTORE'::"Ruolo" ELSE 'REFERENTE'::"Ruolo" END,
      NULL,
      now() + ((g % 60) - 20) * interval '1 day',
      'presa-in-carico', '{}'::jsonb,
      CASE WHEN g % 3 = 0 THEN 'COMPLETATA'::"TaskStato" ELSE 'APERTA'::"TaskStato" END,
      now() - (g % 400) * interval '1 hour',
      CASE WHEN g % 3 = 0 THEN now() - (g % 200) * interval '1 hour' END,
      NULL
    FROM generate_series(1, ${TASKS}) AS g`;
  await db.$executeRawUnsafe('ALTER TABLE "Task" ENABLE TRIGGER "Task_notifica"');
  await db.$executeRawUnsafe('ANALYZE "Task"');
}

async function main() {
  await globalSetup();
  const server = await startTestServer({ withUi: true });
  const chromium = await launchBrowser();
  try {
    const seeding = performance.now();
    await seedTasks(server);
    console.log(`${TASKS.toLocaleString('it-IT')} tasks in ${Math.round(performance.now() - seeding)} ms`);

    // The people at work in a process of their own, as their browsers are: in this one they would take
    // the API's event loop from the requests they measure.
    const load = await figuresFromChild<LoadFigures>(path.join(__dirname, 'ui-load.ts'), { BENCH_BASE_URL: server.baseUrl, BENCH_ROUNDS: String(ROUNDS) });

    // First useful paint: from asking for the inbox to its first rows on screen, signed in already.
    const paints: number[] = [];
    const context = await chromium.browser.createBrowserContext();
    const page = await context.newPage();
    await page.setViewport({ width: 1440, height: 900 });
    await page.goto(`${server.baseUrl}/attivita`);
    await page.waitForSelector(`button[value="${demoCf('regione.istruttore')}"]`);
    await Promise.all([page.waitForNavigation(), page.click(`button[value="${demoCf('regione.istruttore')}"]`)]);
    await page.waitForSelector('[data-testid="task-row"]');
    for (let run = 0; run < PAINTS; run++) {
      const started = performance.now();
      await page.goto(`${server.baseUrl}/attivita?vista=gruppi&pagina=${run + 1}`);
      await page.waitForSelector('[data-testid="task-row"]', { visible: true });
      paints.push(performance.now() - started);
    }
    await context.close();

    const results = {
      benchmark: 'ui',
      date: new Date().toISOString(),
      machine: machine(),
      tasks: TASKS,
      ...load,
      firstUsefulPaintMs: summarize(paints),
      aims: { apiP95Ms: 50, pageMs: 1000 },
    };
    const file = await saveResults('ui', results);
    for (const [name, set] of [['one user', load.oneUser], ['20 users at work (0.5–1.5 s between rounds)', load.twentyUsersWorking], ['20 clients, no pause', load.twentyClientsNoPause]] as const) {
      console.log(name);
      console.table({ 'list (GET /api/tasks)': set.listMs, 'search (q=…)': set.searchMs, 'tab counts': set.countsMs, 'floor: GET /api/me': set.floorAuthenticatedRequestMs });
    }
    console.log(`20 clients with no pause: ${load.twentyClientsNoPause.requestsPerSecond} requests/s`);
    console.table({ 'inbox → first rows on screen': results.firstUsefulPaintMs });
    console.log(`saved ${file}`);
  } finally {
    await chromium.close();
    await server.close();
    await stopAll();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
