// bench:ui's people at work, in a process of their own (as their browsers are): signed in through the
// identity provider, they read the inbox at BENCH_BASE_URL — one alone, twenty at work with pauses, twenty
// with no pause — and the figures are printed as the last line of output, JSON, for bench/ui.ts.
import { performance } from 'node:perf_hooks';
import { demoCf } from '../tests/support/demo';
import { signIn, type ApiSession } from '../tests/support/sign-in';
import { summarize } from './stats';

const BASE_URL = process.env.BENCH_BASE_URL!;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 25);
const USERS = 20;
const SEARCHES = ['sopralluogo', 'guasto', 'Comune di Bari', '4321', 'cambio alloggio'];

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

/** One person's round: the list (a tab, a page), a search, the tabs' counts, and the bare authenticated request. */
async function round(figures: Figures, user: ApiSession, index: number, turn: number): Promise<void> {
  const q = encodeURIComponent(SEARCHES[(index + turn) % SEARCHES.length]!);
  // The orders the inbox asks for: open tasks by due date, completed ones by completion.
  const vista = ['da-fare', 'gruppi', 'completate'][turn % 3]!;
  await timed(figures.list, user, `/api/tasks?vista=${vista}&ordina=${vista === 'completate' ? '-completedAt' : 'dueAt'}&pagina=${1 + (turn % 4)}`);
  await timed(figures.search, user, `/api/tasks?vista=gruppi&ordina=dueAt&q=${q}`);
  await timed(figures.counts, user, `/api/tasks/conteggi${turn % 2 === 0 ? '' : `?q=${q}`}`);
  await timed(figures.floor, user, '/api/me');
}

const summary = (set: Figures) => ({
  listMs: summarize(set.list),
  searchMs: summarize(set.search),
  countsMs: summarize(set.counts),
  floorAuthenticatedRequestMs: summarize(set.floor),
});
export type LoadFigures = Awaited<ReturnType<typeof measure>>;

async function measure() {
  const users = await Promise.all(Array.from({ length: USERS }, (_, index) => signIn(BASE_URL, demoCf(index % 2 === 0 ? 'regione.istruttore' : 'bari.referente'))));
  for (const user of users.slice(0, 2)) await round(figures(), user, 0, 0);
  // One person alone: what each request costs.
  const alone = figures();
  for (let turn = 0; turn < ROUNDS; turn++) await round(alone, users[0]!, 0, turn);
  // Twenty people at work: each acts, reads, acts again after a pause (0.5–1.5 s), all at once. Each starts
  // after such a pause too: people at work do not all click in the same millisecond.
  const working = figures();
  const pause = () => sleep(500 + Math.random() * 1000);
  await Promise.all(users.map(async (user, index) => {
    await pause();
    for (let turn = 0; turn < ROUNDS; turn++) {
      await round(working, user, index, turn);
      await pause();
    }
  }));
  // Twenty clients with no pause at all: the saturation point, as requests per second.
  const flat = figures();
  const flatStarted = performance.now();
  await Promise.all(users.map(async (user, index) => {
    for (let turn = 0; turn < ROUNDS; turn++) await round(flat, user, index, turn);
  }));
  const perSecond = (USERS * ROUNDS * 4) / ((performance.now() - flatStarted) / 1000);
  return { oneUser: summary(alone), twentyUsersWorking: summary(working), twentyClientsNoPause: { ...summary(flat), requestsPerSecond: Math.round(perSecond) } };
}

if (require.main === module) {
  measure().then(
    (figures) => console.log(JSON.stringify(figures)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
