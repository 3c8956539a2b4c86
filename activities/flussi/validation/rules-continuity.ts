// Continuity with the last official transmission: a unit never silently disappears from the historic
// stock (it is declared sold or demolished), and one that was sold or demolished does not silently return.
import { REGOLA } from './rules-catalog';
import type { RuleContext } from './rules-context';

const GONE = new Set(['ALIENATO', 'DEMOLITO']);

export function checkContinuity({ records, previous, problems }: RuleContext): void {
  if (!previous) return;
  const present = new Set<string>();
  for (let index = 0; index < records.units.length; index++) {
    const unit = records.units[index]!;
    present.add(unit.codice);
    const before = previous.units.get(unit.codice);
    if (before && GONE.has(before.stato) && !GONE.has(unit.stato)) {
      const lines = records.unitLines[index]!;
      problems.warning(REGOLA.continuitaRipristinata, lines.stato || lines.riga, unit.codice, 'Stato',
        `L'unità ${unit.codice} era ${before.stato} nell'ultima trasmissione ufficiale e ora è ${unit.stato}: verifica lo stato (un'unità venduta o demolita di solito non torna nel patrimonio).`);
    }
  }
  for (const code of previous.units.keys()) {
    if (!present.has(code)) {
      problems.error(REGOLA.continuitaAssente, null, code, 'Unita',
        `L'unità ${code} è presente nell'ultima trasmissione ufficiale e assente ora: dichiarala ALIENATO (con la data di vendita) o DEMOLITO, oppure rimettila nel flusso.`);
    }
  }
}
