// The chaos run's knobs, from `npm run chaos -- --procedures 50 --kills 5 --seed 42`.
import { randomInt } from 'node:crypto';

export interface ChaosOptions {
  /** Procedures driven through every human step, half invio generico, half accreditamento. */
  procedures: number;
  /** kill -9 of the platform process (the Temporal server and PostgreSQL are killed once each on top). */
  kills: number;
  /** Seeds the order of the kills and their random delays: the same seed repeats the same run. */
  seed: number;
  /** Waves the procedures are started in; a new wave starts after each of the first restarts. */
  waves: number;
  /** Bounds of the random delay between a (re)start and the next kill. */
  minKillDelayMs: number;
  maxKillDelayMs: number;
  /** How long the procedures may take to settle once the load is over. */
  settleMs: number;
  /** The whole run's limit: past it the run stops and reports what it has. */
  deadlineMs: number;
}

const DEFAULTS: ChaosOptions = {
  procedures: 50,
  kills: 5,
  seed: 0,
  waves: 5,
  // A wave's requests run for a few seconds after it starts: kill within them, while decisions are in flight.
  minKillDelayMs: 500,
  maxKillDelayMs: 5_000,
  settleMs: 120_000,
  deadlineMs: 15 * 60_000,
};

const FLAGS: Record<string, keyof ChaosOptions> = {
  '--procedures': 'procedures',
  '--kills': 'kills',
  '--seed': 'seed',
  '--waves': 'waves',
  '--min-kill-delay-ms': 'minKillDelayMs',
  '--max-kill-delay-ms': 'maxKillDelayMs',
  '--settle-ms': 'settleMs',
  '--deadline-ms': 'deadlineMs',
};

/** Reads `--flag value` pairs; an unknown flag or a value that is not a whole number stops the run. */
export function parseOptions(argv: string[]): ChaosOptions {
  const options: ChaosOptions = { ...DEFAULTS, seed: randomInt(1, 2 ** 31 - 1) };
  for (let i = 0; i < argv.length; i += 2) {
    const key = FLAGS[argv[i]!];
    const value = Number(argv[i + 1]);
    if (!key) throw new Error(`unknown option ${argv[i]}: known are ${Object.keys(FLAGS).join(', ')}`);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${argv[i]} needs a whole number, got ${argv[i + 1]}`);
    options[key] = value;
  }
  if (options.procedures < 2) throw new Error('--procedures: at least 2 (one of each kind)');
  if (options.waves < 1) throw new Error('--waves: at least 1');
  if (options.maxKillDelayMs < options.minKillDelayMs) throw new Error('--max-kill-delay-ms must not be below --min-kill-delay-ms');
  return options;
}

/** mulberry32: a small seeded generator, good enough to repeat a run's choices. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type ChaosEvent = 'platform' | 'temporal' | 'postgres';

/** The kills in a seeded order: `kills` of the platform process, the Temporal server and PostgreSQL once. */
export function chaosPlan(kills: number, random: () => number): ChaosEvent[] {
  const events: ChaosEvent[] = [...Array.from({ length: kills }, () => 'platform' as const), 'temporal', 'postgres'];
  for (let i = events.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [events[i], events[j]] = [events[j]!, events[i]!];
  }
  return events;
}
