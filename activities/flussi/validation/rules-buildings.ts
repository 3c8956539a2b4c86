// Buildings: each code once, in a Comune the platform knows, built in a plausible year.
import { REGOLA } from './rules-catalog';
import type { RuleContext } from './rules-context';

const FIRST_YEAR = 1800;

export function checkBuildings({ records, comuniIstat, dataRiferimento, problems }: RuleContext): void {
  const lastYear = Number(dataRiferimento.slice(0, 4));
  const firstLine = new Map<string, number>();
  records.buildings.forEach((building, index) => {
    const lines = records.buildingLines[index]!;
    const seen = firstLine.get(building.codice);
    if (seen !== undefined) {
      problems.error(REGOLA.duplicatoFabbricato, lines.riga, null, 'Fabbricato/@codice',
        `Il fabbricato ${building.codice} compare di nuovo (la prima volta alla riga ${seen}): ogni fabbricato va descritto una sola volta, con un codice diverso per ciascuno.`);
    } else {
      firstLine.set(building.codice, lines.riga);
    }
    if (!comuniIstat.has(building.istatComune)) {
      problems.error(REGOLA.comuneIstat, lines.comune || lines.riga, null, 'ComuneIstat',
        `Il fabbricato ${building.codice} ha <ComuneIstat> ${building.istatComune}, che non è il codice ISTAT di un Comune ammesso: scrivi il codice ISTAT a sei cifre del Comune in cui si trova (es. 072006 per Bari).`);
    }
    const year = building.annoCostruzione;
    if (year !== null && year !== undefined && (year < FIRST_YEAR || year > lastYear)) {
      problems.error(REGOLA.annoCostruzione, lines.anno || lines.riga, null, 'AnnoCostruzione',
        `Il fabbricato ${building.codice} ha <AnnoCostruzione> ${year}: deve essere tra ${FIRST_YEAR} e ${lastYear}, l'anno della data di riferimento. Correggilo, o togli l'elemento se l'anno non è noto.`);
    }
  });
}
