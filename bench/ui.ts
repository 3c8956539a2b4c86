// bench:ui — the inbox with 100,000 tasks in the database: the API's latency for the list, the search and
// the tabs' counts for one user, for 20 users at work at once (a pause between their rounds, as people
// read), and for 20 clients with no pause (the saturation point); and the time from opening the inbox to
// its first rows in a real browser. Aims (issue 10): p95 ≤ 50 ms for the API, ≤ 1 s to a usable page. Beside them, the floor:
// the same users' bare authenticated request (GET /api/me), which every endpoint pays anyway.
import { performance } from 'node:perf_hooks';
import { COMUNE_BARI } from '../prisma/seed/enti';
import globalSetup from '../tests/support/global-setup';
import { startTestServer } from '../tests/support/api-server';
import { launchBrowser } from '../tests/support/browser';
import { demoCf } from '../tests/support/demo';
import { stopAll } from '../tests/support/running-servers';
import { signIn, type ApiSession } from '../tests/support/sign-in';
import { machine, saveResults, summarize } from './stats';

const TASKS = Number(process.env.BENCH_TASKS ?? 100_000);
const USERS = 20;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const PAINTS = 5;
const SEARCHES = ['sopralluogo', 'guasto', 'Comune di Bari', '4321', 'cambio alloggio'];

/** 100,000 tasks in one statement: the Region's istruttori's, Bari's referenti's, and other enti's. */
export async function seedTasks(server: Awaited<ReturnType<typeof startTestServer>>): Promise<void> {
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

interface Figures { list: number[]; search: number[]; counts: number[]; floor: number[] }
const figures = (): Figures => ({ list: [], search: [], counts: [], floor: [] });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function timed(samples: number[], session: ApiSession, path: string): Promise<void> {
  const started = performance.now();
  const response = await session.fetch(path);
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
  samples.push(performance.now() - started);
}

async function main() {
  await globalSetup();
  const server = await startTestServer({ withUi: true });
  const chromium = await launchBrowser();
  try {
    const seeding = performance.now();
    await seedTasks(server);
    console.log(`${TASKS.toLocaleString('it-IT')} tasks in ${Math.round(performance.now() - seeding)} ms`);

    const users = await Promise.all(Array.from({ length: USERS }, (_, index) => signIn(server.baseUrl, demoCf(index % 2 === 0 ? 'regione.istruttore' : 'bari.referente'))));
    // One user's round: the list (a tab, a page), a search, the tabs' counts, and the bare authenticated request.
    const round = async (figures: Figures, user: ApiSession, index: number, turn: number) => {
      const q = encodeURIComponent(SEARCHES[(index + turn) % SEARCHES.length]!);
      // The orders the inbox asks for: open tasks by due date, completed ones by completion.
      const vista = ['da-fare', 'gruppi', 'completate'][turn % 3]!;
      await timed(figures.list, user, `/api/tasks?vista=${vista}&ordina=${vista === 'completate' ? '-completedAt' : 'dueAt'}&pagina=${1 + (turn % 4)}`);
      await timed(figures.search, user, `/api/tasks?vista=gruppi&ordina=dueAt&q=${q}`);
      await timed(figures.counts, user, `/api/tasks/conteggi${turn % 2 === 0 ? '' : `?q=${q}`}`);
      await timed(figures.floor, user, '/api/me');
    };
    for (const user of users.slice(0, 2)) await round(figures(), user, 0, 0);

    // One person alone: what each request costs.
    const alone = figures();
    for (let turn = 0; turn < ROUNDS; turn++) await round(alone, users[0]!, 0, turn);
    // Twenty people at work: each acts, reads, acts again after a pause (0.5–1.5 s), all at once.
    const working = figures();
    await Promise.all(users.map(async (user, index) => {
      for (let turn = 0; turn < ROUNDS; turn++) {
        await round(working, user, index, turn);
        await sleep(500 + Math.random() * 1000);
      }
    }));
    // Twenty clients with no pause at all: the saturation point, as requests per second.
    const flat = figures();
    const flatStarted = performance.now();
    await Promise.all(users.map(async (user, index) => {
      for (let turn = 0; turn < ROUNDS; turn++) await round(flat, user, index, turn);
    }));
    const perSecond = (USERS * ROUNDS * 4) / ((performance.now() - flatStarted) / 1000);

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

    const summary = (set: Figures) => ({
      listMs: summarize(set.list),
      searchMs: summarize(set.search),
      countsMs: summarize(set.counts),
      floorAuthenticatedRequestMs: summarize(set.floor),
    });
    const results = {
      benchmark: 'ui',
      date: new Date().toISOString(),
      machine: machine(),
      tasks: TASKS,
      oneUser: summary(alone),
      twentyUsersWorking: summary(working),
      twentyClientsNoPause: { ...summary(flat), requestsPerSecond: Math.round(perSecond) },
      firstUsefulPaintMs: summarize(paints),
      aims: { apiP95Ms: 50, pageMs: 1000 },
    };
    const file = await saveResults('ui', results);
    for (const [name, set] of [['one user', alone], ['20 users at work (0.5–1.5 s between rounds)', working], ['20 clients, no pause', flat]] as const) {
      console.log(name);
      console.table({ 'list (GET /api/tasks)': summarize(set.list), 'search (q=…)': summarize(set.search), 'tab counts': summarize(set.counts), 'floor: GET /api/me': summarize(set.floor) });
    }
    console.log(`20 clients with no pause: ${Math.round(perSecond)} requests/s`);
    console.table({ 'inbox → first rows on screen': results.firstUsefulPaintMs });
    console.log(`saved ${file}`);
  } finally {
    await chromium.close();
    await server.close();
    await stopAll();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
