// Stocks built in the tests: deterministic, varied enough to filter on (every state but the sold ones,
// the three uses, several Comuni), and a second semester in which some units were sold.
import type { ParsedBuilding, ParsedUnit } from '../../../activities/stock/types';
import type { StatoUnita, UsoUnita } from '../../../prisma/generated/enums';

export interface Stock {
  buildings: ParsedBuilding[];
  units: ParsedUnit[];
}

const STATI_IN_USO: StatoUnita[] = ['LOCATO', 'LOCATO', 'LOCATO', 'LIBERO', 'SFITTO_CARENZE_MANUTENTIVE', 'SFITTO_RISTRUTTURAZIONE', 'OCCUPATO_SENZA_TITOLO'];
const USI: UsoUnita[] = ['SAP', 'SAP', 'SAP', 'SAS', 'ALTRO'];

/**
 * `buildings` buildings of `unitsPerBuilding` units each, for the ente whose code prefixes the unit
 * codes, spread round-robin over `comuni` (ISTAT codes) and around Bari's coordinates.
 */
export function buildStock(enteCodice: string, comuni: readonly string[], buildings: number, unitsPerBuilding: number): Stock {
  const stock: Stock = { buildings: [], units: [] };
  for (let b = 0; b < buildings; b++) {
    const codice = `${enteCodice}-E${String(b + 1).padStart(5, '0')}`;
    stock.buildings.push({
      codice,
      indirizzo: `Via delle Case Popolari ${b + 1}`,
      istatComune: comuni[b % comuni.length]!,
      latitudine: 41.0 + (b % 100) / 1000,
      longitudine: 16.8 + Math.floor(b / 100) / 1000,
      annoCostruzione: 1950 + (b % 60),
      piani: 2 + (b % 6),
      statoConservazione: b % 4 === 0 ? 'MEDIOCRE' : 'BUONO',
    });
    for (let u = 0; u < unitsPerBuilding; u++) {
      const n = b * unitsPerBuilding + u;
      stock.units.push({
        codice: `${enteCodice}-${String(n + 1).padStart(6, '0')}`,
        buildingCodice: codice,
        foglio: String(10 + (b % 90)),
        particella: String(100 + b),
        subalterno: String(u + 1),
        categoria: 'A/3',
        superficie: 45 + (n % 70) + 0.5,
        vani: 2 + (n % 5),
        uso: USI[n % USI.length]!,
        stato: STATI_IN_USO[n % STATI_IN_USO.length]!,
        dataVendita: null,
        canoneMensile: n % 7 === 3 ? null : `${80 + (n % 200)}.25`,
      });
    }
  }
  return stock;
}

/** The next semester: every `soldEvery`-th unit sold on `dataVendita`, the rest unchanged. */
export function sellSome(stock: Stock, soldEvery: number, dataVendita: string): Stock {
  return {
    buildings: stock.buildings.map((building) => ({ ...building })),
    units: stock.units.map((unit, index) => (index % soldEvery === 0 ? { ...unit, stato: 'ALIENATO', dataVendita, canoneMensile: null } : { ...unit })),
  };
}

/**
 * The same stock in buildings of other codes (…-E00001 becomes …-<letter>00001): test files that share
 * the run's database load the same ente's stock without mixing into each other's building histories.
 */
export function inBuildingsCoded(stock: Stock, letter: string): Stock {
  const recode = (codice: string) => codice.replace(/-E(\d{5})$/, `-${letter}$1`);
  return {
    buildings: stock.buildings.map((building) => ({ ...building, codice: recode(building.codice) })),
    units: stock.units.map((unit) => ({ ...unit, buildingCodice: recode(unit.buildingCodice) })),
  };
}
