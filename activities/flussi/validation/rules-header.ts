// The header must be the one of this transmission: this ente, the reference date asked, a semester's end.
import { dataItaliana } from './format';
import { REGOLA } from './rules-catalog';
import type { RuleContext } from './rules-context';

/** The reference dates of the flussi: the end of each semester. */
const SEMESTER_ENDS = new Set(['06-30', '12-31']);

export function checkHeader({ records: { header }, enteCodice, dataRiferimento, problems }: RuleContext): void {
  if (header.enteCodice !== enteCodice) {
    problems.error(REGOLA.enteIntestazione, header.enteRiga || null, null, 'Ente/@codice',
      `L'intestazione dichiara l'ente «${header.enteCodice ?? ''}», ma il flusso è trasmesso per l'ente «${enteCodice}»: correggi l'attributo codice di <Ente> o carica il flusso dell'ente giusto.`);
  }
  const declared = header.dataRiferimento ?? '';
  const riga = header.dataRiferimentoRiga || null;
  if (declared !== dataRiferimento) {
    problems.error(REGOLA.dataRiferimentoDiversa, riga, null, 'DataRiferimento',
      `<DataRiferimento> è ${dataItaliana(declared)}, ma la trasmissione richiesta è al ${dataItaliana(dataRiferimento)}: esporta il patrimonio a quella data e correggi <DataRiferimento>.`);
  }
  if (!SEMESTER_ENDS.has(declared.slice(5, 10))) {
    problems.error(REGOLA.dataRiferimentoSemestre, riga, null, 'DataRiferimento',
      `<DataRiferimento> è ${dataItaliana(declared)}: la data di riferimento di un flusso è il 30/06 o il 31/12 di un anno.`);
  }
}
