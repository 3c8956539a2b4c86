/**
 * How many units each ente holds and in which Comuni: the plan the generator follows. Totals follow
 * the regional survey of December 2021 (64,432 units from the five ARCA, 5,497 from Comuni); the ARCA
 * split theirs in proportion to the population of the provinces they serve, and the Comuni with a
 * stock of their own are a sample of 120, the provincial capitals among them.
 */
import { Random, deriveSeed } from './random';
import { ARCA, comuniConPopolazione, type ComuneConPopolazione } from './territory';

export const ARCA_UNITS_TOTAL = 64_432;
export const COMUNI_UNITS_TOTAL = 5_497;
export const COMUNI_WITH_STOCK = 120;
/** Smallest and largest stock of a Comune at scale 1: "a few to a few hundred units". */
const COMUNE_MIN_UNITS = 4;
const COMUNE_MAX_UNITS = 400;
/** Fewest units an ARCA holds in a Comune of its provinces at scale 1 (about one small building). */
const ARCA_MIN_UNITS_PER_COMUNE = 4;

/** The largest towns always have a Comune-owned stock, so the demo's accredited Comuni have one. */
const ALWAYS_WITH_STOCK = ['072006', '073027', '071024', '110001', '110002', '110009', '075035', '074001'];

export interface ComuneQuota {
  istat: string;
  unita: number;
}

export interface EnteStock {
  /** PUSH code: ARCA 710000…750000, or the Comune's ISTAT code. */
  codice: string;
  denominazione: string;
  tipo: 'ARCA' | 'COMUNE';
  /** Units in each Comune where the ente owns housing, by ISTAT code; every quota is at least 1. */
  comuni: ComuneQuota[];
  unita: number;
}

export interface PlanOptions {
  /** 1 by default. */
  seed?: number;
  /** Multiplies every total: 0.02 gives a stock of about 1,400 units. 1 by default. */
  scale?: number;
}

/** The five ARCA first, then the Comuni with a stock, in code order. */
export function planRegionalStock(options: PlanOptions = {}): EnteStock[] {
  const seed = options.seed ?? 1;
  const scale = options.scale ?? 1;
  if (!(scale > 0)) throw new RangeError(`scale must be positive, got ${scale}`);
  return [...planArca(seed, Math.round(ARCA_UNITS_TOTAL * scale)), ...planComuni(seed, Math.round(COMUNI_UNITS_TOTAL * scale))];
}

/** One ARCA's stock of `total` units over the Comuni of its provinces. */
export function planArcaStock(codice: string, total: number, seed: number): EnteStock {
  const arca = ARCA.find((candidate) => candidate.codice === codice);
  if (!arca) throw new RangeError(`${codice} is not an ARCA code`);
  const comuni = comuniConPopolazione().filter((comune) => arca.province.includes(comune.siglaProvincia));
  const random = new Random(deriveSeed(seed, `plan-${codice}`));
  // Public housing concentrates in towns a little more than people do (exponent > 1), with noise.
  const weights = comuni.map((comune) => comune.popolazione ** 1.1 * Math.exp(0.35 * random.normal()));
  const min = total >= ARCA_MIN_UNITS_PER_COMUNE * comuni.length ? ARCA_MIN_UNITS_PER_COMUNE : 0;
  const quotas = apportion(total, weights, min, total);
  return {
    codice,
    denominazione: arca.denominazione,
    tipo: 'ARCA',
    comuni: comuni.map((comune, i) => ({ istat: comune.istat, unita: quotas[i] ?? 0 })).filter((quota) => quota.unita > 0),
    unita: total,
  };
}

/** A Comune's own stock of `total` units, all in its territory. */
export function planComuneStock(istat: string, total: number): EnteStock {
  const comune = comuniConPopolazione().find((candidate) => candidate.istat === istat);
  if (!comune) throw new RangeError(`${istat} is not the ISTAT code of a Comune of Puglia`);
  return { codice: istat, denominazione: `Comune di ${comune.nome}`, tipo: 'COMUNE', comuni: [{ istat, unita: total }], unita: total };
}

function planArca(seed: number, total: number): EnteStock[] {
  const population = ARCA.map((arca) =>
    comuniConPopolazione().filter((comune) => arca.province.includes(comune.siglaProvincia))
      .reduce((sum, comune) => sum + comune.popolazione, 0));
  const totals = apportion(total, population, 0, total);
  return ARCA.map((arca, i) => planArcaStock(arca.codice, totals[i] ?? 0, seed));
}

function planComuni(seed: number, total: number): EnteStock[] {
  const random = new Random(deriveSeed(seed, 'plan-comuni'));
  // Fewer Comuni at small scales, so each still has a building of a few units.
  const count = Math.min(COMUNI_WITH_STOCK, Math.floor(total / COMUNE_MIN_UNITS));
  const chosen = chooseComuni(random, count);
  const weights = chosen.map((comune) => comune.popolazione ** 0.9 * Math.exp(0.6 * random.normal()));
  // The cap grows with the scale so that the parts can always reach the total.
  const quotas = apportion(total, weights, COMUNE_MIN_UNITS, Math.max(COMUNE_MAX_UNITS, Math.ceil((2 * total) / Math.max(1, count))));
  return chosen
    .map((comune, i) => planComuneStock(comune.istat, quotas[i] ?? 0))
    .filter((ente) => ente.unita > 0)
    .sort((a, b) => a.codice.localeCompare(b.codice));
}

/** The largest towns first, then a sample weighted towards larger Comuni (they more often own housing). */
function chooseComuni(random: Random, count: number): ComuneConPopolazione[] {
  const all = comuniConPopolazione();
  const always = ALWAYS_WITH_STOCK.map((istat) => all.find((comune) => comune.istat === istat))
    .filter((comune): comune is ComuneConPopolazione => comune !== undefined);
  if (count <= always.length) return always.slice(0, count);
  const others = all.filter((comune) => !ALWAYS_WITH_STOCK.includes(comune.istat));
  // Weighted sampling without replacement (Efraimidis–Spirakis): the largest keys u^(1/w) win.
  const keyed = others.map((comune) => ({ comune, key: random.next() ** (1 / Math.sqrt(comune.popolazione)) }));
  keyed.sort((a, b) => b.key - a.key);
  return [...always, ...keyed.slice(0, count - always.length).map((entry) => entry.comune)];
}

/**
 * Splits `total` into integer parts proportional to `weights`, each between min and max: the largest
 * remainder method, run again over the others whenever a part reaches its cap. The parts add up to
 * `total` whenever the bounds allow it.
 */
export function apportion(total: number, weights: readonly number[], min: number, max: number): number[] {
  const parts = weights.map(() => min);
  let rest = total - min * weights.length;
  let open = weights.map((_, i) => i).filter(() => max > min);
  while (rest > 0 && open.length > 0) {
    const weightSum = open.reduce((sum, i) => sum + (weights[i] ?? 0), 0);
    const shares = open.map((i) => ({ i, share: weightSum > 0 ? (rest * (weights[i] ?? 0)) / weightSum : rest / open.length }));
    let capped = false;
    for (const { i, share } of shares) {
      const room = max - (parts[i] ?? 0);
      const add = Math.min(Math.floor(share), room);
      if (add === room) capped = true;
      parts[i] = (parts[i] ?? 0) + add;
      rest -= add;
    }
    if (!capped) {
      // Only fractions are left: one unit each to the largest remainders.
      shares.sort((a, b) => (b.share % 1) - (a.share % 1) || a.i - b.i);
      for (const { i } of shares) {
        if (rest === 0) break;
        if ((parts[i] ?? 0) < max) {
          parts[i] = (parts[i] ?? 0) + 1;
          rest -= 1;
        }
      }
    }
    open = open.filter((i) => (parts[i] ?? 0) < max);
  }
  return parts;
}
