/**
 * One ente's flusso: buildings of 4–40 units in the Comuni of its plan, with addresses, rough
 * coordinates, years, cadastral references unique in each Comune, and units in the state mix of a
 * real regional stock. Everything is drawn from a stream seeded by the run's seed and the ente's code.
 */
import {
  type Catasto, type Fabbricato, type FlussoPatrimoniale, type StatoConservazione, StatoUnita, type Unita, UsoUnita,
} from './model';
import { type ComuneQuota, type EnteStock, planArcaStock, planComuneStock, planRegionalStock } from './plan';
import { Random, deriveSeed } from './random';
import { STREET_NAMES, STREET_TYPES, comuneCentre, comuniConPopolazione, type ComuneConPopolazione } from './territory';
import { addDays, assertDataRiferimento, dataProduzioneFor, daysBetween, type IsoDate } from './dates';

export const DEFAULT_DATA_RIFERIMENTO = '2025-12-31';

/** The state mix of the stock, in per cent (≈ the regional survey's). */
export const STATE_MIX: readonly (readonly [StatoUnita, number])[] = [
  [StatoUnita.LOCATO, 78],
  [StatoUnita.LIBERO, 5],
  [StatoUnita.SFITTO_CARENZE_MANUTENTIVE, 6],
  [StatoUnita.SFITTO_RISTRUTTURAZIONE, 3],
  [StatoUnita.OCCUPATO_SENZA_TITOLO, 2],
  [StatoUnita.ALIENATO, 5],
  [StatoUnita.DEMOLITO, 1],
];

/** Sales of public housing to tenants began with law 560/1993. */
const FIRST_SALE = '1994-01-01';

export interface GenerateOptions {
  /** 1 by default. */
  seed?: number;
  /** 30/06 or 31/12; 2025-12-31 by default. */
  dataRiferimento?: string;
  /** Scale of the regional plan the ente's size is taken from; 1 by default. */
  scale?: number;
  /** Number of units, instead of the plan's (needed for a Comune the plan gives no stock). */
  unita?: number;
}

/**
 * The flusso of one ente: `ente` is a PUSH code (an ARCA, or a Comune's ISTAT code) or a plan entry
 * from planRegionalStock(). Same seed, same flusso.
 */
export function generateEnteFlusso(ente: string | EnteStock, options: GenerateOptions = {}): FlussoPatrimoniale {
  const seed = options.seed ?? 1;
  const dataRiferimento = assertDataRiferimento(options.dataRiferimento ?? DEFAULT_DATA_RIFERIMENTO);
  const stock = typeof ente === 'string' ? resolveStock(ente, seed, options) : ente;
  const generator = new EnteGenerator(stock, new Random(deriveSeed(seed, stock.codice)), dataRiferimento);
  for (const quota of stock.comuni) generator.addComune(quota);
  return {
    ente: { codice: stock.codice },
    dataRiferimento,
    dataProduzione: dataProduzioneFor(dataRiferimento),
    fabbricati: generator.fabbricati,
    unita: generator.unita,
  };
}

function resolveStock(codice: string, seed: number, options: GenerateOptions): EnteStock {
  const isArca = /^7[1-5]0000$/.test(codice);
  if (options.unita !== undefined) {
    return isArca ? planArcaStock(codice, options.unita, seed) : planComuneStock(codice, options.unita);
  }
  const planned = planRegionalStock({ seed, scale: options.scale }).find((stock) => stock.codice === codice);
  if (!planned) throw new RangeError(`The plan for seed ${seed} gives ${codice} no stock: pass options.unita`);
  return planned;
}

/**
 * Particelle are drawn from a range per kind of owner, so that an ARCA's and a Comune's buildings in the
 * same Comune never share a cadastral reference even though each ente is generated on its own.
 */
export function particellaRange(enteCodice: string): readonly [number, number] {
  return /^7[1-5]0000$/.test(enteCodice) ? [1, 1999] : [2000, 3999];
}

class EnteGenerator {
  readonly fabbricati: Fabbricato[] = [];
  readonly unita: Unita[] = [];
  private nextUnitId: number;
  private readonly refYear: number;
  private readonly isArca: boolean;

  constructor(private readonly stock: EnteStock, private readonly random: Random, private readonly dataRiferimento: IsoDate) {
    this.nextUnitId = random.int(1, 900);
    this.refYear = Number(dataRiferimento.slice(0, 4));
    this.isArca = stock.tipo === 'ARCA';
  }

  addComune(quota: ComuneQuota): void {
    const comune = comuniConPopolazione().find((candidate) => candidate.istat === quota.istat);
    if (!comune) throw new RangeError(`${quota.istat} is not a Comune of Puglia`);
    const catasto = new CatastoAllocator(comune, particellaRange(this.stock.codice), this.random);
    let remaining = quota.unita;
    while (remaining > 0) {
      let size = this.buildingSize();
      // Never leave a remainder too small for a building of its own.
      if (size >= remaining || remaining - size < 4) size = remaining <= 40 ? remaining : remaining - 4;
      this.addBuilding(comune, catasto, size);
      remaining -= size;
    }
  }

  private buildingSize(): number {
    const [min, max] = this.random.weighted<readonly [number, number]>(this.isArca
      ? [[[4, 8], 20], [[9, 16], 40], [[17, 24], 25], [[25, 40], 15]]
      : [[[4, 8], 45], [[9, 16], 40], [[17, 24], 15]]);
    return this.random.int(min, max);
  }

  private addBuilding(comune: ComuneConPopolazione, catasto: CatastoAllocator, size: number): void {
    const random = this.random;
    const sigla = this.isArca ? comune.siglaProvincia : 'F';
    const codice = `${sigla}${String(this.fabbricati.length + 1).padStart(this.isArca ? 5 : 4, '0')}`;
    const anno = this.constructionYear();
    const fabbricato: Fabbricato = { codice, indirizzo: this.address(), comuneIstat: comune.istat };
    if (random.chance(0.96)) {
      const [lat, lon] = comuneCentre(comune);
      // Larger towns spread wider: about 0.6 km around a village's centre, 2.5 km around Bari's.
      const spread = 0.006 + 0.018 * Math.sqrt(Math.min(1, comune.popolazione / 300_000));
      fabbricato.latitudine = round(lat + (random.next() * 2 - 1) * spread, 6);
      fabbricato.longitudine = round(lon + (random.next() * 2 - 1) * spread * 1.3, 6);
    }
    if (random.chance(0.98)) fabbricato.annoCostruzione = anno;
    if (random.chance(0.97)) fabbricato.piani = Math.min(12, Math.ceil(size / random.int(2, 4)));
    if (random.chance(0.95)) fabbricato.statoConservazione = this.conservation(anno);
    this.fabbricati.push(fabbricato);

    // Social housing (SAS) is mostly in the newer buildings.
    const usoPrevalente = random.chance(anno >= 2000 ? 0.5 : 0.03) ? UsoUnita.SAS : UsoUnita.SAP;
    const { foglio, particella } = catasto.next();
    let subalterno = random.int(1, 6);
    for (let i = 0; i < size; i++) {
      this.unita.push(this.unit(codice, { foglio, particella, subalterno: String(subalterno) }, usoPrevalente, anno));
      subalterno += 1;
    }
  }

  private unit(fabbricato: string, particella: Omit<Catasto, 'categoria'>, usoPrevalente: UsoUnita, anno: number): Unita {
    const random = this.random;
    // Some ground floors hold shops or storerooms (use ALTRO, category C, no rooms).
    const uso = random.chance(0.03) ? UsoUnita.ALTRO : usoPrevalente;
    const categoria = uso === UsoUnita.ALTRO
      ? random.weighted([['C/1', 60], ['C/2', 40]])
      : uso === UsoUnita.SAS
        ? random.weighted([['A/2', 40], ['A/3', 60]])
        : random.weighted([['A/3', 70], ['A/4', 15], ['A/2', 10], [anno < 1965 ? 'A/5' : 'A/4', 5]]);
    const superficie = this.surface(categoria);
    const unita: Unita = {
      codice: `${this.stock.codice}-${this.nextUnitId}`,
      fabbricato,
      catasto: { ...particella, categoria },
      superficie,
      uso,
      stato: random.weighted(STATE_MIX),
    };
    // Ids have the occasional gap, as a register where records were merged or cancelled does.
    this.nextUnitId += random.chance(0.04) ? random.int(2, 6) : 1;
    if (categoria.startsWith('A') && random.chance(0.97)) {
      unita.vani = Math.min(8, Math.max(2, Math.round((superficie / 16) * 2) / 2));
    }
    if (unita.stato === StatoUnita.ALIENATO) {
      const dataVendita = this.saleDate(anno);
      if (dataVendita) unita.dataVendita = dataVendita;
      else unita.stato = StatoUnita.LOCATO; // built too recently to have been sold
    }
    if (unita.stato === StatoUnita.LOCATO) unita.canoneMensile = rent(random, uso);
    return unita;
  }

  private constructionYear(): number {
    const [from, to] = this.random.weighted<readonly [number, number]>([
      [[1950, 1959], 8], [[1960, 1969], 15], [[1970, 1979], 25], [[1980, 1989], 27],
      [[1990, 1999], 15], [[2000, 2009], 7], [[2010, 2015], 3],
    ]);
    return Math.min(this.random.int(from, to), this.refYear);
  }

  private conservation(anno: number): StatoConservazione {
    const age = Math.max(0, this.refYear - anno);
    const scadente = 0.04 + (age / 75) * 0.26;
    return this.random.weighted<StatoConservazione>([['SCADENTE', scadente], ['MEDIOCRE', 0.35], ['BUONO', 1 - scadente - 0.35]]);
  }

  private address(): string {
    const random = this.random;
    const civico = random.int(1, 180);
    const suffix = random.chance(0.03) ? `/${random.pick(['A', 'B', 'C'])}` : '';
    return `${random.weighted(STREET_TYPES)} ${random.pick(STREET_NAMES)} ${civico}${suffix}`;
  }

  /** Square metres by category, with 0, 1 or 2 decimals as registers write them. */
  private surface(categoria: string): number {
    const [mean, sd, min, max] = SURFACE[categoria] ?? [70, 15, 40, 120];
    const value = Math.min(max, Math.max(min, mean + sd * this.random.normal()));
    return round(value, this.random.weighted([[0, 50], [1, 30], [2, 20]]));
  }

  /** A sale date after the building's first years and law 560/1993, not after the reference date. */
  private saleDate(anno: number): IsoDate | undefined {
    const from = `${Math.max(Number(FIRST_SALE.slice(0, 4)), anno + 5)}-01-01`;
    const span = daysBetween(from, this.dataRiferimento);
    return span < 0 ? undefined : addDays(from, this.random.int(0, span));
  }
}

/** [mean, standard deviation, min, max] of the surface in m² per cadastral category. */
const SURFACE: Readonly<Record<string, readonly [number, number, number, number]>> = {
  'A/2': [95, 15, 70, 140],
  'A/3': [72, 14, 45, 115],
  'A/4': [58, 10, 38, 80],
  'A/5': [38, 5, 28, 48],
  'C/1': [60, 20, 30, 120],
  'C/2': [35, 8, 26, 60],
};

/** Euro per month: SAP rents follow the tenants' income (mostly low), SAS rents are moderate. */
export function rent(random: Random, uso: UsoUnita): number {
  const value = uso === UsoUnita.SAP ? 40 + 210 * random.next() ** 1.8 : 150 + 200 * random.next();
  return round(value, 2);
}

/**
 * Cadastral references of a Comune: each building its own (foglio, particella), its units consecutive
 * subalterni, so the triple foglio/particella/subalterno is unique in the Comune.
 */
export class CatastoAllocator {
  private readonly used = new Set<string>();
  private readonly fogli: number;

  constructor(comune: ComuneConPopolazione, private readonly range: readonly [number, number], private readonly random: Random, used: Iterable<string> = []) {
    // Larger towns have more map sheets.
    this.fogli = Math.min(200, 20 + Math.floor(Math.sqrt(comune.popolazione) / 3));
    for (const key of used) this.used.add(key);
  }

  next(): { foglio: string; particella: string } {
    for (;;) {
      const foglio = this.random.int(1, this.fogli);
      const particella = this.random.int(this.range[0], this.range[1]);
      const key = `${foglio}/${particella}`;
      if (!this.used.has(key)) {
        this.used.add(key);
        return { foglio: String(foglio), particella: String(particella) };
      }
    }
  }
}

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
