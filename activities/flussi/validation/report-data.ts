// What both reports print, from a whole result, from an upload's report as the database keeps it, or
// from the problems alone: the outcome, the counts per rule, and the listed problems.
import { descrizioneRegola, REGOLA } from './rules-catalog';
import type { Esito, Gravita, Problem, RuleCount, ValidationResult } from './types';

export interface ReportMeta {
  /** The ente as people know it: its name, or its code. */
  ente: string;
  /** YYYY-MM-DD. */
  dataRiferimento: string;
  /** Name of the uploaded file, as the ente chose it. */
  nomeFile?: string;
  /** When the validation ran; now if not given. */
  generatoIl?: Date;
  /** The attempt, and whether it came from the manual form rather than a file. */
  tentativo?: number;
  manuale?: boolean;
}

/**
 * An upload's report as the database keeps it: the exact outcome and counts of the validation, the
 * counts per rule over the stored problems, and the stored problems to print (all, or the first ones).
 */
export interface StoredReport {
  esito: Esito;
  errori: number;
  avvisi: number;
  unita: number;
  fabbricati: number;
  /** Per rule and gravity over every stored problem, the PROBLEMI_OMESSI entry excluded. */
  conteggi: readonly RuleCount[];
  /** In report order; the first `problems.length` of `problemiRegistrati`. */
  problems: readonly Problem[];
  /** How many problems are stored, the PROBLEMI_OMESSI entry included. */
  problemiRegistrati: number;
}

export interface ReportSummary {
  esito: Esito;
  errori: number;
  avvisi: number;
  /** Null when only the problems were given. */
  unita: number | null;
  fabbricati: number | null;
  righeRiepilogo: { regola: string; descrizione: string; gravita: Gravita; numero: number }[];
  problems: readonly Problem[];
  /** Problems in the whole list, of which `problems` may be the first ones. */
  problemiTotali: number;
  /** Errors and warnings counted but not in the list (the validator keeps at most PROBLEMS_LIMIT). */
  nonElencati: number;
}

export const ESITO_ETICHETTA: Record<Esito, string> = {
  VALIDO: 'Valido',
  CON_AVVISI: 'Valido con avvisi: può essere confermato',
  CON_ERRORI: 'Con errori: va corretto e ricaricato',
};

export const GRAVITA_ETICHETTA: Record<Gravita, string> = { ERRORE: 'Errore', AVVISO: 'Avviso' };

/** "n. 2 – inserimento manuale nel modulo", or null when the attempt is not known. */
export function caricamentoEtichetta(meta: ReportMeta): string | null {
  if (meta.tentativo === undefined) return null;
  return `n. ${meta.tentativo} – ${meta.manuale ? 'inserimento manuale nel modulo' : 'file caricato'}`;
}

export function summarize(input: ValidationResult | StoredReport | readonly Problem[]): ReportSummary {
  if (isProblemList(input)) {
    const conteggi = countProblems(input);
    const errori = sum(conteggi, 'ERRORE');
    const avvisi = sum(conteggi, 'AVVISO');
    const esito: Esito = errori > 0 ? 'CON_ERRORI' : avvisi > 0 ? 'CON_AVVISI' : 'VALIDO';
    return { esito, errori, avvisi, unita: null, fabbricati: null, righeRiepilogo: rows(conteggi), problems: input, problemiTotali: input.length, nonElencati: 0 };
  }
  if (isStored(input)) {
    return {
      esito: input.esito,
      errori: input.errori,
      avvisi: input.avvisi,
      unita: input.unita,
      fabbricati: input.fabbricati,
      righeRiepilogo: rows(input.conteggi),
      problems: input.problems,
      problemiTotali: input.problemiRegistrati,
      nonElencati: Math.max(0, input.errori + input.avvisi - input.conteggi.reduce((total, c) => total + c.numero, 0)),
    };
  }
  const listed = input.problems.filter((problem) => problem.regola !== REGOLA.omessi).length;
  return {
    esito: input.esito,
    errori: input.errori,
    avvisi: input.avvisi,
    unita: input.units.length,
    fabbricati: input.buildings.length,
    righeRiepilogo: rows(input.conteggi),
    problems: input.problems,
    problemiTotali: input.problems.length,
    nonElencati: Math.max(0, input.errori + input.avvisi - listed),
  };
}

function isProblemList(input: ValidationResult | StoredReport | readonly Problem[]): input is readonly Problem[] {
  return Array.isArray(input);
}

function isStored(input: ValidationResult | StoredReport): input is StoredReport {
  return 'problemiRegistrati' in input;
}

/** Counts from a list: the entry that sums up the problems left out is not a problem of its own. */
function countProblems(problems: readonly Problem[]): RuleCount[] {
  const counts = new Map<string, RuleCount>();
  for (const { regola, gravita } of problems) {
    if (regola === REGOLA.omessi) continue;
    const key = `${regola}\u0000${gravita}`;
    const count = counts.get(key) ?? { regola, gravita, numero: 0 };
    count.numero += 1;
    counts.set(key, count);
  }
  return [...counts.values()];
}

const sum = (counts: RuleCount[], gravita: Gravita) => counts.filter((c) => c.gravita === gravita).reduce((total, c) => total + c.numero, 0);

/** Errors first, then the rules with most problems. */
function rows(counts: readonly RuleCount[]): ReportSummary['righeRiepilogo'] {
  return [...counts]
    .sort((a, b) => (a.gravita === b.gravita ? b.numero - a.numero || a.regola.localeCompare(b.regola) : a.gravita === 'ERRORE' ? -1 : 1))
    .map(({ regola, gravita, numero }) => ({ regola, descrizione: descrizioneRegola(regola), gravita, numero }));
}
