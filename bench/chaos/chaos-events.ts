// One chaos event: kill -9 of the platform process, the Temporal server or PostgreSQL, then what a person
// does: Ctrl-C if the platform is still there, `npm start` again, and if that fails, clean up by hand
// (stop what an earlier start left running) and start once more — reported, never hidden.
import type { Finding } from './checks';
import type { ChaosEvent } from './options';
import type { Platform, StartAttempt } from './platform';
import { descendants, exited, isAlive, type ProcessInfo } from './processes';

export interface EventRecord {
  event: ChaosEvent;
  at: string;
  killed: { pid: number; args: string } | null;
  /** Processes of the killed platform still alive once npm had gone (children that outlived their parent). */
  survivors: { pid: number; args: string }[];
  health?: { ms: number; status: string };
  ctrlC?: { stopped: boolean; ms: number };
  starts: StartAttempt[];
  cleanedUpByHand: { pid: number; args: string }[];
}

const HEALTH_LIMIT_MS = 1_000;
const brief = (info: ProcessInfo) => ({ pid: info.pid, args: info.args.slice(0, 160) });

/** Stops, as a person would with kill, what an earlier start left behind; SIGKILL if it does not go. */
async function cleanUpByHand(platform: Platform): Promise<ProcessInfo[]> {
  const left = platform.leftovers();
  for (const info of left) {
    try {
      // PostgreSQL's fast shutdown is SIGINT; the others stop on SIGTERM.
      process.kill(info.pid, /\/postgres\s/.test(info.args) ? 'SIGINT' : 'SIGTERM');
    } catch {
      // gone meanwhile
    }
  }
  for (const info of left) {
    if (!(await exited(info.pid, 15_000)) && isAlive(info.pid)) process.kill(info.pid, 'SIGKILL');
  }
  return left;
}

/** `npm start`; if it fails, the failure is a finding, the leftovers are cleaned by hand and it is tried once more. */
export async function restart(platform: Platform, reason: string, record: EventRecord, findings: Finding[]): Promise<boolean> {
  for (let attempt = 1; attempt <= 2; attempt++) {
    const start = await platform.start();
    record.starts.push(start);
    if (start.ok) {
      const npmPid = platform.npmPid();
      const current = new Set(npmPid ? descendants(npmPid).map((info) => info.pid) : []);
      for (const stale of platform.leftovers().filter((info) => !current.has(info.pid))) {
        findings.push({ kind: 'process', subject: `pid ${stale.pid}`, detail: `after ${reason}, still running beside the new start: ${stale.args.slice(0, 160)}` });
      }
      return true;
    }
    findings.push({
      kind: 'process',
      subject: `npm start after ${reason}`,
      detail: `${start.failure}; last lines: ${(start.logTail ?? []).slice(-6).join(' | ')}`,
    });
    platform.forceKillGroup();
    record.cleanedUpByHand.push(...(await cleanUpByHand(platform)).map(brief));
  }
  return false;
}

/** kill -9 of `event`'s process, the health answer while it is down, Ctrl-C, and `npm start` again. */
export async function runEvent(platform: Platform, event: ChaosEvent, findings: Finding[]): Promise<{ record: EventRecord; up: boolean }> {
  const record: EventRecord = { event, at: new Date().toISOString(), killed: null, survivors: [], starts: [], cleanedUpByHand: [] };
  const target = event === 'platform' ? platform.platformProcess() : event === 'temporal' ? platform.temporalServer() : platform.postmaster();
  if (!target) {
    findings.push({ kind: 'process', subject: event, detail: `no ${event} process found to kill` });
    return { record, up: true };
  }
  record.killed = brief(target);
  const tree = event === 'platform' ? descendants(target.pid) : [];
  await platform.kill9(target);
  if (event === 'platform') {
    await platform.waitNpmGone();
    record.survivors = tree.filter((info) => isAlive(info.pid)).map(brief);
  } else {
    // The platform process lives on without it: its health must say so, at once.
    const probe = await platform.health(5_000);
    record.health = { ms: probe.ms, status: probe.status };
    if (probe.ms > HEALTH_LIMIT_MS) findings.push({ kind: 'process', subject: `/api/health with ${event} down`, detail: `answered in ${probe.ms} ms (limit ${HEALTH_LIMIT_MS} ms): ${probe.status}` });
    if (probe.status === 'ok') findings.push({ kind: 'process', subject: `/api/health with ${event} down`, detail: 'said ok' });
    record.ctrlC = await platform.interrupt();
    if (!record.ctrlC.stopped) {
      findings.push({ kind: 'process', subject: `Ctrl-C with ${event} down`, detail: `the platform had not stopped after ${record.ctrlC.ms} ms: killed with -9` });
      platform.forceKillGroup();
      await platform.waitNpmGone();
    }
  }
  const up = await restart(platform, `kill -9 of ${event} (pid ${target.pid})`, record, findings);
  return { record, up };
}
