// No unit twice: neither the same code nor the same cadastral unit (foglio, particella, subalterno) in
// the same Comune. A unit's Comune is its building's; units of a building known only from the last
// official transmission have no Comune here and are left out of the cadastral check.
import { REGOLA } from './rules-catalog';
import type { RuleContext } from './rules-context';

/** "012" and "12" are the same foglio: numbers compare without leading zeros, letters without case. */
const normalize = (value: string) => value.trim().toUpperCase().replace(/^0+(?=\d)/, '');

export function checkDuplicateUnits({ records, problems }: RuleContext): void {
  const comuneOf = new Map(records.buildings.map((building) => [building.codice, building.istatComune]));
  const codeLine = new Map<string, number>();
  const cadastreLine = new Map<string, { line: number; code: string }>();
  for (let index = 0; index < records.units.length; index++) {
    const unit = records.units[index]!;
    const lines = records.unitLines[index]!;
    const seen = codeLine.get(unit.codice);
    if (seen !== undefined) {
      problems.error(REGOLA.duplicatoUnita, lines.riga, unit.codice, 'Unita/@codice',
        `L'unità ${unit.codice} compare di nuovo (la prima volta alla riga ${seen}): ogni unità va dichiarata una sola volta. Togli il doppione o correggi il codice.`);
    } else {
      codeLine.set(unit.codice, lines.riga);
    }
    const comune = comuneOf.get(unit.buildingCodice);
    if (comune === undefined) continue;
    const key = [comune, normalize(unit.foglio), normalize(unit.particella), normalize(unit.subalterno)].join('|');
    const first = cadastreLine.get(key);
    if (first !== undefined) {
      problems.error(REGOLA.duplicatoCatasto, lines.catasto || lines.riga, unit.codice, 'Catasto',
        `L'unità ${unit.codice} ha gli stessi dati catastali (Comune ${comune}, foglio ${unit.foglio}, particella ${unit.particella}, subalterno ${unit.subalterno}) dell'unità ${first.code} alla riga ${first.line}: correggi foglio, particella o subalterno.`);
    } else {
      cadastreLine.set(key, { line: lines.catasto || lines.riga, code: unit.codice });
    }
  }
}
