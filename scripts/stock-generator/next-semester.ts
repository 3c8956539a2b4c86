/**
 * The next semester's flusso of an ente from its previous one, for continuity tests and for a demo
 * stock with history: a few units sold or demolished (declared, with a sale date in the semester),
 * some changes of state and rent, now and then a new building; sold and demolished units stay in the
 * flusso. `omesse` leaves units out without declaring them, which the continuity rule must refuse.
 */
import { type Fabbricato, type FlussoPatrimoniale, StatoUnita, type Unita, UsoUnita } from './model';
import { CatastoAllocator, particellaRange, rent } from './ente';
import { addDays, dataProduzioneFor, daysBetween, nextDataRiferimento } from './dates';
import { Random, deriveSeed } from './random';
import { comuniConPopolazione } from './territory';

export interface NextSemesterOptions {
  /** 1 by default; the stream is also keyed by the ente and the new date. */
  seed?: number;
  /** The new reference date; the next 30/06 or 31/12 by default. */
  dataRiferimento?: string;
  /** How many units of the previous flusso to leave out without declaring them (a continuity error). */
  omesse?: number;
  /** How many buildings are completed in the semester; by default one, with a chance that grows with the stock. */
  nuoviFabbricati?: number;
}

/** Unit codes by what happened to them in the semester. */
export interface SemesterChanges {
  alienate: string[];
  demolite: string[];
  /** Units whose state changed otherwise (e.g. LIBERO → LOCATO). */
  cambiStato: string[];
  /** LOCATO units that stayed so with a new rent. */
  canoniAggiornati: string[];
  nuove: string[];
  omesse: string[];
}

/** Per semester: the share of units still owned that are sold, demolished; the chance a state changes. */
const SALE_RATE = 0.008;
const DEMOLITION_RATE = 0.002;
const CHANGE_RATE: Readonly<Partial<Record<StatoUnita, number>>> = {
  [StatoUnita.LOCATO]: 0.02,
  [StatoUnita.LIBERO]: 0.3,
  [StatoUnita.SFITTO_CARENZE_MANUTENTIVE]: 0.15,
  [StatoUnita.SFITTO_RISTRUTTURAZIONE]: 0.2,
  [StatoUnita.OCCUPATO_SENZA_TITOLO]: 0.1,
};
const TRANSITIONS: Readonly<Partial<Record<StatoUnita, readonly (readonly [StatoUnita, number])[]>>> = {
  [StatoUnita.LOCATO]: [[StatoUnita.LIBERO, 6], [StatoUnita.SFITTO_CARENZE_MANUTENTIVE, 3], [StatoUnita.OCCUPATO_SENZA_TITOLO, 1]],
  [StatoUnita.LIBERO]: [[StatoUnita.LOCATO, 8], [StatoUnita.SFITTO_CARENZE_MANUTENTIVE, 2]],
  [StatoUnita.SFITTO_CARENZE_MANUTENTIVE]: [[StatoUnita.SFITTO_RISTRUTTURAZIONE, 5], [StatoUnita.LIBERO, 3], [StatoUnita.LOCATO, 2]],
  [StatoUnita.SFITTO_RISTRUTTURAZIONE]: [[StatoUnita.LIBERO, 6], [StatoUnita.LOCATO, 4]],
  [StatoUnita.OCCUPATO_SENZA_TITOLO]: [[StatoUnita.LOCATO, 5], [StatoUnita.LIBERO, 5]],
};

export function nextSemesterFlusso(previous: FlussoPatrimoniale, options: NextSemesterOptions = {}): { flusso: FlussoPatrimoniale; changes: SemesterChanges } {
  const dataRiferimento = options.dataRiferimento ?? nextDataRiferimento(previous.dataRiferimento);
  const semesterDays = daysBetween(previous.dataRiferimento, dataRiferimento);
  if (semesterDays <= 0) throw new RangeError(`${dataRiferimento} does not follow ${previous.dataRiferimento}`);
  const random = new Random(deriveSeed(options.seed ?? 1, `${previous.ente.codice}@${dataRiferimento}`));
  const changes: SemesterChanges = { alienate: [], demolite: [], cambiStato: [], canoniAggiornati: [], nuove: [], omesse: [] };

  let unita: Unita[] = previous.unita.map((prev) => {
    const unit: Unita = { ...prev, catasto: { ...prev.catasto } };
    if (unit.stato === StatoUnita.ALIENATO || unit.stato === StatoUnita.DEMOLITO) return unit;
    const draw = random.next();
    if (draw < SALE_RATE && unit.uso !== UsoUnita.ALTRO) {
      setState(unit, StatoUnita.ALIENATO);
      unit.dataVendita = addDays(previous.dataRiferimento, random.int(1, semesterDays));
      changes.alienate.push(unit.codice);
    } else if (draw < SALE_RATE + DEMOLITION_RATE) {
      setState(unit, StatoUnita.DEMOLITO);
      changes.demolite.push(unit.codice);
    } else if (random.chance(CHANGE_RATE[unit.stato] ?? 0)) {
      const table = TRANSITIONS[unit.stato];
      if (table) setState(unit, random.weighted(table));
      if (unit.stato === StatoUnita.LOCATO) unit.canoneMensile = rent(random, unit.uso);
      changes.cambiStato.push(unit.codice);
    } else if (unit.stato === StatoUnita.LOCATO && unit.canoneMensile !== undefined && random.chance(0.3)) {
      // Rents follow the tenants' incomes: a few per cent either way.
      unit.canoneMensile = Math.round(unit.canoneMensile * (0.95 + 0.13 * random.next()) * 100) / 100;
      changes.canoniAggiornati.push(unit.codice);
    }
    return unit;
  });

  const fabbricati: Fabbricato[] = previous.fabbricati.map((f) => ({ ...f }));
  // About one new building a semester per 10,000 units: an ARCA often has one, a Comune rarely.
  const nuovi = options.nuoviFabbricati ?? (random.chance(Math.min(0.9, previous.unita.length / 10_000)) ? 1 : 0);
  for (let i = 0; i < nuovi && previous.fabbricati.length > 0; i++) addNewBuilding(previous, fabbricati, unita, random, changes);

  const omesse = options.omesse ?? 0;
  if (omesse > 0) {
    // Only units of the previous flusso still owned: leaving out a sold one is no continuity error.
    const nuove = new Set(changes.nuove);
    const candidates = unita.filter((u) => u.stato !== StatoUnita.ALIENATO && u.stato !== StatoUnita.DEMOLITO && !nuove.has(u.codice));
    const dropped = new Set<Unita>();
    while (dropped.size < Math.min(omesse, candidates.length)) dropped.add(random.pick(candidates));
    for (const unit of dropped) changes.omesse.push(unit.codice);
    unita = unita.filter((u) => !dropped.has(u));
  }

  return {
    flusso: { ente: { ...previous.ente }, dataRiferimento, dataProduzione: dataProduzioneFor(dataRiferimento), fabbricati, unita },
    changes,
  };
}

/** Moves a unit to a new state, dropping the fields that only the old one carried. */
function setState(unit: Unita, stato: StatoUnita): void {
  unit.stato = stato;
  if (stato !== StatoUnita.LOCATO) delete unit.canoneMensile;
  if (stato !== StatoUnita.ALIENATO) delete unit.dataVendita;
}

/** A building completed in the semester, in a Comune where the ente already has one, let out or free. */
function addNewBuilding(previous: FlussoPatrimoniale, fabbricati: Fabbricato[], unita: Unita[], random: Random, changes: SemesterChanges): void {
  const model = random.pick(previous.fabbricati);
  const comune = comuniConPopolazione().find((candidate) => candidate.istat === model.comuneIstat);
  if (!comune) return; // a building outside Puglia: no cadastral data to draw from
  const comuneOf = new Map(fabbricati.map((f) => [f.codice, f.comuneIstat]));
  const used = unita
    .filter((u) => comuneOf.get(u.fabbricato) === comune.istat)
    .map((u) => `${u.catasto.foglio}/${u.catasto.particella}`);
  const { foglio, particella } = new CatastoAllocator(comune, particellaRange(previous.ente.codice), random, used).next();
  let codice = `${model.codice.replace(/\d+$/, '')}N${fabbricati.length + 1}`;
  while (comuneOf.has(codice)) codice += 'N';
  const anno = Number(previous.dataRiferimento.slice(0, 4));
  const nuovo: Fabbricato = {
    ...model,
    codice,
    indirizzo: `Via ${random.pick(['delle Magnolie', 'dei Tigli', 'Nuova', 'Giovanni Paolo II'])} ${random.int(1, 60)}`,
    annoCostruzione: anno,
    statoConservazione: 'BUONO',
  };
  // Next to the building it was modelled on, not on top of it.
  if (nuovo.latitudine !== undefined) nuovo.latitudine = Math.round((nuovo.latitudine + 0.002) * 1e6) / 1e6;
  fabbricati.push(nuovo);
  let nextId = unita.reduce((max, u) => Math.max(max, Number(u.codice.slice(7))), 0) + 1;
  const size = random.int(6, 16);
  for (let i = 0; i < size; i++) {
    const superficie = random.int(55, 95);
    const unit: Unita = {
      codice: `${previous.ente.codice}-${nextId++}`,
      fabbricato: codice,
      catasto: { foglio, particella, subalterno: String(i + 2), categoria: 'A/3' },
      superficie,
      vani: Math.round((superficie / 16) * 2) / 2,
      uso: UsoUnita.SAP,
      stato: random.chance(0.7) ? StatoUnita.LOCATO : StatoUnita.LIBERO,
    };
    if (unit.stato === StatoUnita.LOCATO) unit.canoneMensile = rent(random, unit.uso);
    unita.push(unit);
    changes.nuove.push(unit.codice);
  }
}
