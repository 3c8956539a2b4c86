// Each unit on its own: its code, its building, its cadastral category, its surface and rooms, and the
// fields its state requires (a sold unit its sale date, a let unit its rent).
import { dataItaliana } from './format';
import type { ProblemCollector } from './problems';
import type { UnitLines } from './read-flusso';
import { REGOLA } from './rules-catalog';
import type { RuleContext } from './rules-context';
import type { ParsedUnit } from './types';

/** The residential categories of the cadastre, A/1 to A/11 (the schema admits A/03 as well as A/3). */
const isHousingCategory = (categoria: string) => {
  const match = /^A\/(\d{1,2})$/.exec(categoria);
  return match !== null && Number(match[1]) >= 1 && Number(match[1]) <= 11;
};
const FIRST_SALE_DATE = '1900-01-01';
const SURFACE_LIMITS = { min: 10, max: 1000 };
const SURFACE_USUAL = { min: 25, max: 250 };
const ROOMS_USUAL = { min: 1, max: 20 };

export function checkUnits({ records, enteCodice, dataRiferimento, previous, problems }: RuleContext): void {
  const prefix = `${enteCodice}-`;
  const buildingsHere = new Set(records.buildings.map((building) => building.codice));
  const buildingsBefore = previous?.buildingCodes ?? new Set<string>();
  for (let index = 0; index < records.units.length; index++) {
    const unit = records.units[index]!;
    const lines = records.unitLines[index]!;
    const code = unit.codice;

    if (!code.startsWith(prefix) || code.length === prefix.length) {
      problems.error(REGOLA.prefissoUnita, lines.riga, code, 'Unita/@codice',
        `Il codice dell'unità «${code}» deve iniziare con il codice dell'ente seguito da un trattino e dall'identificativo dell'unità (es. ${prefix}3122): correggi l'attributo codice.`);
    }
    if (!buildingsHere.has(unit.buildingCodice) && !buildingsBefore.has(unit.buildingCodice)) {
      problems.error(REGOLA.coerenzaFabbricato, lines.fabbricato || lines.riga, code, 'Fabbricato',
        `L'unità ${code} è nel fabbricato ${unit.buildingCodice}, che non è descritto in <Fabbricati> né è nell'ultima trasmissione ufficiale: aggiungi il fabbricato o correggi il codice in <Fabbricato>.`);
    }
    // A unit of use ALTRO (a shop, a garage) has its own categories: only housing is held to group A.
    if (unit.uso !== 'ALTRO' && !isHousingCategory(unit.categoria)) {
      problems.warning(REGOLA.categoria, lines.catasto || lines.riga, code, 'Catasto/@categoria',
        `L'unità ${code} ha categoria catastale «${unit.categoria}», che non è abitativa (da A/1 ad A/11): verifica la categoria, o che l'unità sia davvero un alloggio.`);
    }
    // Values are quoted as the file writes them (75.5, not 75,5), so the ente finds them there.
    const surface = unit.superficie;
    if (surface < SURFACE_LIMITS.min || surface > SURFACE_LIMITS.max) {
      problems.error(REGOLA.superficieFuoriLimiti, lines.superficie || lines.riga, code, 'Superficie',
        `L'unità ${code} ha <Superficie> di ${surface} m²: deve essere tra ${SURFACE_LIMITS.min} e ${SURFACE_LIMITS.max} m². Correggi la superficie (in metri quadrati, con il punto per i decimali).`);
    } else if (surface < SURFACE_USUAL.min || surface > SURFACE_USUAL.max) {
      problems.warning(REGOLA.superficieInsolita, lines.superficie || lines.riga, code, 'Superficie',
        `L'unità ${code} ha <Superficie> di ${surface} m², insolita per un alloggio (di solito tra ${SURFACE_USUAL.min} e ${SURFACE_USUAL.max} m²): verifica che sia giusta.`);
    }
    const rooms = unit.vani;
    if (rooms !== null && rooms !== undefined && (rooms < ROOMS_USUAL.min || rooms > ROOMS_USUAL.max)) {
      problems.warning(REGOLA.vani, lines.vani || lines.riga, code, 'Vani',
        `L'unità ${code} ha ${rooms} <Vani>, un numero insolito (di solito tra ${ROOMS_USUAL.min} e ${ROOMS_USUAL.max}): verifica che sia giusto.`);
    }
    checkStateFields(unit, lines, dataRiferimento, problems);
  }
}

/** The fields a state asks for: the sale date of a sold unit (and only of one), the rent of a let one. */
function checkStateFields(unit: ParsedUnit, lines: UnitLines, dataRiferimento: string, problems: ProblemCollector): void {
  const code = unit.codice;
  const sale = unit.dataVendita ?? null;
  if (sale !== null && (sale > dataRiferimento || sale < FIRST_SALE_DATE)) {
    problems.error(REGOLA.dataVendita, lines.dataVendita || lines.riga, code, 'DataVendita',
      `L'unità ${code} ha <DataVendita> ${dataItaliana(sale)}: deve essere tra il ${dataItaliana(FIRST_SALE_DATE)} e la data di riferimento (${dataItaliana(dataRiferimento)}). Correggi la data.`);
  }
  if (unit.stato === 'ALIENATO' && sale === null) {
    problems.error(REGOLA.alienatoSenzaData, lines.stato || lines.riga, code, 'DataVendita',
      `L'unità ${code} è ALIENATO ma non ha <DataVendita>: aggiungi la data del rogito di vendita.`);
  }
  if (unit.stato !== 'ALIENATO' && sale !== null) {
    problems.warning(REGOLA.dataVenditaNonAlienato, lines.dataVendita || lines.riga, code, 'DataVendita',
      `L'unità ${code} ha <DataVendita> ma il suo <Stato> è ${unit.stato}: se è stata venduta dichiarala ALIENATO, altrimenti togli la data di vendita.`);
  }
  if (unit.stato === 'LOCATO' && (unit.canoneMensile === null || unit.canoneMensile === undefined)) {
    problems.warning(REGOLA.locatoSenzaCanone, lines.stato || lines.riga, code, 'CanoneMensile',
      `L'unità ${code} è LOCATO ma non ha <CanoneMensile>: aggiungi il canone mensile in euro.`);
  }
}
