// Collects problems with exact counts but bounded memory: a flusso where every one of 70,000 units is
// wrong would otherwise hold hundreds of thousands of messages. Errors are kept before warnings when the
// list must be cut, because they are what stops the ente; the rest is counted and summed up in one entry.
import { REGOLA } from './rules-catalog';
import type { Esito, Gravita, Problem, RuleCount } from './types';

/** How many problems a report lists; the counts stay exact beyond it. */
export const PROBLEMS_LIMIT = 10_000;

export class ProblemCollector {
  private readonly errors: Problem[] = [];
  private readonly warnings: Problem[] = [];
  private readonly counts = new Map<string, RuleCount>();
  errori = 0;
  avvisi = 0;

  constructor(private readonly limit = PROBLEMS_LIMIT) {}

  add(problem: Problem): void {
    const key = `${problem.regola}\u0000${problem.gravita}`;
    const count = this.counts.get(key);
    if (count) count.numero += 1;
    else this.counts.set(key, { regola: problem.regola, gravita: problem.gravita, numero: 1 });
    if (problem.gravita === 'ERRORE') {
      this.errori += 1;
      if (this.errors.length < this.limit) this.errors.push(problem);
    } else {
      this.avvisi += 1;
      if (this.warnings.length < this.limit) this.warnings.push(problem);
    }
  }

  error(regola: string, riga: number | null, unita: string | null, campo: string | null, messaggio: string): void {
    this.add({ gravita: 'ERRORE', regola, riga, unita, campo, messaggio });
  }

  warning(regola: string, riga: number | null, unita: string | null, campo: string | null, messaggio: string): void {
    this.add({ gravita: 'AVVISO', regola, riga, unita, campo, messaggio });
  }

  get esito(): Esito {
    if (this.errori > 0) return 'CON_ERRORI';
    return this.avvisi > 0 ? 'CON_AVVISI' : 'VALIDO';
  }

  conteggi(): RuleCount[] {
    return [...this.counts.values()].sort((a, b) => a.regola.localeCompare(b.regola) || a.gravita.localeCompare(b.gravita));
  }

  /** The listed problems in line order (file-level ones first), and the entry for those left out. */
  list(): Problem[] {
    const listed = [...this.errors, ...this.warnings.slice(0, Math.max(0, this.limit - this.errors.length))];
    // Stable sort: problems on the same line keep the order the rules found them in.
    listed.sort((a, b) => (a.riga ?? 0) - (b.riga ?? 0));
    const omittedErrors = this.errori - Math.min(this.errori, this.limit);
    const omittedWarnings = this.avvisi - (listed.length - Math.min(this.errori, this.limit));
    if (omittedErrors + omittedWarnings > 0) listed.push(omittedEntry(omittedErrors, omittedWarnings));
    return listed;
  }
}

function omittedEntry(errors: number, warnings: number): Problem {
  const n = (value: number) => value.toLocaleString('it-IT');
  const gravita: Gravita = errors > 0 ? 'ERRORE' : 'AVVISO';
  return {
    gravita,
    regola: REGOLA.omessi,
    riga: null,
    unita: null,
    campo: null,
    messaggio: `… e altri ${n(errors + warnings)} problemi (${n(errors)} errori e ${n(warnings)} avvisi) non elencati: correggi quelli elencati e ricarica il flusso per vedere i successivi.`,
  };
}
