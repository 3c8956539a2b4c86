// The data the report's handlebars template prints (templates/rapporto-validazione.hbs, the PDF of the
// validation): every value already a formatted Italian string, so the template holds no logic. A PDF
// of ten thousand rows helps nobody: it lists the first ones and points to the Excel file for the rest.
import { dataItaliana, formatDateTime, numero } from './format';
import { caricamentoEtichetta, ESITO_ETICHETTA, GRAVITA_ETICHETTA, summarize, type ReportMeta, type StoredReport } from './report-data';
import type { Esito, Gravita, ValidationResult } from './types';

export const PDF_PROBLEMS_LIMIT = 1_000;

export interface ReportHtmlData {
  titolo: string;
  ente: string;
  dataRiferimento: string;
  /** "n. 2 – inserimento manuale", "n. 1 – file"; null when the attempt is not known. */
  caricamento: string | null;
  nomeFile: string | null;
  generatoIl: string;
  esito: Esito;
  esitoEtichetta: string;
  errori: string;
  avvisi: string;
  unita: string | null;
  fabbricati: string | null;
  riepilogo: { regola: string; descrizione: string; gravita: Gravita; gravitaEtichetta: string; numero: string }[];
  problemi: { gravita: Gravita; gravitaEtichetta: string; regola: string; riga: string; unita: string; campo: string; messaggio: string }[];
  /** Said under the list when it does not hold every problem of the validation. */
  nota: string | null;
}

export function reportHtmlData(result: ValidationResult | StoredReport, meta: ReportMeta & { maxProblemi?: number }): ReportHtmlData {
  const summary = summarize(result);
  const limit = meta.maxProblemi ?? PDF_PROBLEMS_LIMIT;
  const shown = summary.problems.slice(0, limit);
  const left = summary.problemiTotali - shown.length;
  const notes = [
    left > 0 ? `Sono elencati i primi ${numero(shown.length)} problemi; gli altri ${numero(left)} sono nel report Excel.` : null,
    summary.nonElencati > 0
      ? `La validazione ha contato ${numero(summary.errori)} errori e ${numero(summary.avvisi)} avvisi, ma ne registra solo i primi: ${numero(summary.nonElencati)} non sono elencati nemmeno nel report Excel. Correggi quelli elencati e ricarica il flusso per vedere i successivi.`
      : null,
  ].filter((note): note is string => note !== null);
  return {
    titolo: 'Validazione del flusso patrimoniale',
    ente: meta.ente,
    dataRiferimento: dataItaliana(meta.dataRiferimento),
    caricamento: caricamentoEtichetta(meta),
    nomeFile: meta.nomeFile ?? null,
    generatoIl: formatDateTime(meta.generatoIl ?? new Date()),
    esito: summary.esito,
    esitoEtichetta: ESITO_ETICHETTA[summary.esito],
    errori: numero(summary.errori),
    avvisi: numero(summary.avvisi),
    unita: summary.unita === null ? null : numero(summary.unita),
    fabbricati: summary.fabbricati === null ? null : numero(summary.fabbricati),
    riepilogo: summary.righeRiepilogo.map((row) => ({ ...row, gravitaEtichetta: GRAVITA_ETICHETTA[row.gravita], numero: numero(row.numero) })),
    problemi: shown.map((problem) => ({
      gravita: problem.gravita,
      gravitaEtichetta: GRAVITA_ETICHETTA[problem.gravita],
      regola: problem.regola,
      riga: problem.riga === null ? '—' : String(problem.riga),
      unita: problem.unita ?? '—',
      campo: problem.campo ?? '—',
      messaggio: problem.messaggio,
    })),
    nota: notes.length > 0 ? notes.join(' ') : null,
  };
}
