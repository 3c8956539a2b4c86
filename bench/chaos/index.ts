// npm run chaos — starts the platform with `npm start` on its own ports and a fresh data folder, drives
// invio generico and accreditamento procedures through every human step in waves, kill -9s the platform
// process at seeded random points, the Temporal server and PostgreSQL once each, restarts as a person
// would, then checks that nothing was lost, duplicated or orphaned. Exits non-zero naming each finding.
import { chmod, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../tests/support/free-port';
import { machine } from '../stats';
import type { Finding } from './checks';
import { runEvent, restart, type EventRecord } from './chaos-events';
import { ResilientClient } from './client';
import { LoadDriver } from './load';
import { chaosPlan, parseOptions, seededRandom } from './options';
import { Platform, type PlatformPorts } from './platform';
import { printCounts, printFindings, save } from './report';
import { settle, verify } from './verify';

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  for (let tries = 0; ports.size < count && tries < 100; tries++) ports.add(await freePort());
  return [...ports];
}

function waveBounds(procedures: number, waves: number): [number, number][] {
  const size = Math.ceil(procedures / waves);
  return Array.from({ length: waves }, (_, i) => [i * size, Math.min(procedures, (i + 1) * size)] as [number, number]).filter(([a, b]) => a < b);
}

const log = (line: string) => console.log(`chaos   │ ${line}`);

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const started = Date.now();
  const deadline = started + options.deadlineMs;
  const random = seededRandom(options.seed);
  const plan = chaosPlan(options.kills, random);
  const runDir = await mkdtemp(path.join(tmpdir(), 'push-chaos-'));
  // As root, PostgreSQL's initdb runs as the `postgres` user: it must be able to enter the folder.
  await chmod(runDir, 0o755);
  const [PORT, IDP_PORT, PEC_LOCAL_PORT, EMBEDDED_POSTGRES_PORT, TEMPORAL_DEV_PORT, TEMPORAL_UI_PORT] = await distinctFreePorts(6);
  const ports: PlatformPorts = { PORT: PORT!, IDP_PORT: IDP_PORT!, PEC_LOCAL_PORT: PEC_LOCAL_PORT!, EMBEDDED_POSTGRES_PORT: EMBEDDED_POSTGRES_PORT!, TEMPORAL_DEV_PORT: TEMPORAL_DEV_PORT!, TEMPORAL_UI_PORT: TEMPORAL_UI_PORT! };
  const platform = new Platform(ports, path.join(runDir, 'data'), path.join(runDir, 'platform.log'));
  log(`seed ${options.seed} (repeat with: npm run chaos -- --seed ${options.seed}); plan: ${plan.join(', ')}`);
  log(`data and platform log in ${runDir}; ports ${JSON.stringify(ports)}`);

  const findings: Finding[] = [];
  const events: EventRecord[] = [];
  const initial: EventRecord = { event: 'platform', at: new Date().toISOString(), killed: null, survivors: [], starts: [], cleanedUpByHand: [] };
  const stopEverything = () => {
    platform.forceKillGroup();
    for (const info of platform.leftovers()) process.kill(info.pid, 'SIGKILL');
  };
  process.once('SIGINT', () => { stopEverything(); process.exit(130); });

  let up = await restart(platform, 'the first start', initial, findings);
  log(up ? `platform up in ${initial.starts.at(-1)!.ms} ms` : 'the platform did not start');
  const client = new ResilientClient(platform);
  const driver = new LoadDriver(client, `r${options.seed}`);
  const waves = waveBounds(options.procedures, options.waves);
  let verdict: Awaited<ReturnType<typeof verify>> | null = null;
  let settled: { ms: number; unsettled: string[] } | null = null;
  try {
    if (up) {
      await driver.prepare();
      let launched = 0;
      const launchNextWave = () => {
        const wave = waves[launched++];
        if (!wave) return;
        driver.launch(wave[0], wave[1]);
        log(`wave ${launched}: procedures ${wave[0]}–${wave[1] - 1} started`);
      };
      launchNextWave();
      for (const event of plan) {
        if (!up || Date.now() > deadline) break;
        // The random kill point: a seeded delay after the platform came (back) up.
        await new Promise((resolve) => setTimeout(resolve, options.minKillDelayMs + random() * (options.maxKillDelayMs - options.minKillDelayMs)));
        log(`kill -9 of ${event}`);
        const outcome = await runEvent(platform, event, findings);
        events.push(outcome.record);
        up = outcome.up;
        log(up ? `restarted in ${outcome.record.starts.at(-1)!.ms} ms (${outcome.record.starts.length} start(s))` : 'could not restart: stopping the run');
        launchNextWave();
      }
      while (up && launched < waves.length) launchNextWave();
      const loadLimit = Math.max(0, deadline - options.settleMs - Date.now());
      await Promise.race([driver.settled(), new Promise((resolve) => setTimeout(resolve, loadLimit))]);
      log('load over; waiting for the procedures to settle');
      if (up) {
        settled = await settle(platform.databaseUrl, platform.temporalAddress, options.settleMs);
        verdict = await verify(platform.databaseUrl, platform.temporalAddress, driver.procedures);
        findings.push(...verdict.findings);
      }
    }
  } finally {
    const stop = await platform.interrupt();
    if (!stop.stopped) findings.push({ kind: 'process', subject: 'final Ctrl-C', detail: `the platform had not stopped after ${stop.ms} ms` });
    platform.forceKillGroup();
    const left = platform.leftovers();
    for (const info of left) findings.push({ kind: 'process', subject: `pid ${info.pid}`, detail: `still running after the platform stopped: ${info.args.slice(0, 160)}` });
    stopEverything();
  }

  const starts = [...initial.starts, ...events.flatMap((event) => event.starts)];
  const counts = {
    procedures: driver.procedures.length,
    'procedures started': verdict?.procedures.started ?? 0,
    completed: verdict?.procedures.completed ?? 0,
    'waiting on a person': verdict?.procedures.waitingOnPerson ?? 0,
    'stuck or failed': (verdict?.procedures.stuck ?? 0) + (verdict?.procedures.failed ?? 0),
    'human steps answered': driver.stats.stepsDone,
    kills: Object.fromEntries(['platform', 'temporal', 'postgres'].map((kind) => [kind, events.filter((event) => event.event === kind && event.killed).length])),
    restarts: Math.max(0, starts.filter((start) => start.ok).length - 1),
    'failed starts': starts.filter((start) => !start.ok).length,
    'requests / retries / gave up': `${client.stats.requests} / ${client.stats.retries} / ${client.stats.gaveUp}`,
    '409 after a retry': driver.stats.conflictsAfterRetry,
    'tasks checked': verdict?.tasksChecked ?? 0,
    'protocol numbers': verdict?.protocolNumbers ?? 0,
    PECs: verdict?.pecs ?? null,
    'incidents (open)': verdict ? `${verdict.incidents.total} (${verdict.incidents.open.length})` : 'n/a',
    'settled in ms': settled ? `${settled.ms}${settled.unsettled.length ? ` (${settled.unsettled.length} still moving)` : ''}` : 'n/a',
    'duration s': Math.round((Date.now() - started) / 1000),
  };
  if (!verdict) findings.push({ kind: 'process', subject: 'run', detail: 'the checks could not run: the platform was not up at the end' });
  printCounts(counts);
  printFindings(findings);
  const file = await save({
    benchmark: 'chaos',
    date: new Date().toISOString(),
    machine: machine(),
    seed: options.seed,
    options,
    plan,
    verdict: findings.length === 0 ? 'PASS' : 'FAIL',
    counts,
    registers: verdict?.registers ?? [],
    openIncidents: verdict?.incidents.open ?? [],
    findings,
    events: [initial, ...events],
    abandoned: driver.procedures.filter((procedure) => procedure.abandoned),
    runDir,
  });
  log(`saved ${path.relative(process.cwd(), file)}`);
  return findings.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('chaos run failed:', error);
    process.exit(2);
  },
);
