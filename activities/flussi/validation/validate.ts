// The validation of an uploaded flusso, in three phases that each stop the next when they fail:
//   1. safety and well-formedness (size, then one streamed saxes pass that also collects the records);
//   2. the published XSD (xmllint, started as soon as the root element is accepted — no DOCTYPE can follow
//      it — so it runs on the second core during phase 1 and costs almost no extra time);
//   3. the rules, on the records phase 1 collected.
// Nothing of a refused file is returned: no records, only the one problem (phase 1) or the schema's.
// revalidateFlusso runs phases 1 and 3 again on a flusso that has passed all three, for its confirmation.
import { stat } from 'node:fs/promises';
import { ApplicationFailure } from '@temporalio/common';
import { ProblemCollector } from './problems';
import { oversizedProblem, readFlusso, type FlussoRecords, type UnitLines } from './read-flusso';
import { applyRules } from './rules';
import { startSchemaValidation, type SchemaRun } from './schema';
import type { FlussoHeader, Problem, ValidateFlussoInput, ValidationPhase, ValidationResult } from './types';

export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

/** How the progress bar splits the work: reading is most of it, the rules are quick. */
const PROGRESS = { lettura: 0.8, regole: 0.9 } as const;

const NO_HEADER: FlussoHeader = { enteCodice: null, dataRiferimento: null, dataProduzione: null };

export function validateFlusso(input: ValidateFlussoInput): Promise<ValidationResult> {
  return validate(input, new BackgroundSchema(input.file, input.signal));
}

/**
 * Validates again a flusso that validateFlusso found without errors, byte for byte the same file (the
 * document store checks each read against the SHA-256 it recorded): the schema's verdict depends only
 * on those bytes and the published XSD, so it is not asked again, while the rules also depend on the
 * database (the last official snapshot, the Comuni), which may have changed since. `onRecords` sees the
 * records as they are read, so they can be loaded meanwhile; only the result says whether they pass.
 */
export function revalidateFlusso(input: ValidateFlussoInput & { onRecords: (records: FlussoRecords) => void }): Promise<ValidationResult> {
  return validate(input, null, input.onRecords);
}

async function validate(input: ValidateFlussoInput, schema: BackgroundSchema | null, onRecords?: (records: FlussoRecords) => void): Promise<ValidationResult> {
  checkRequest(input);
  const report = (fraction: number, phase: ValidationPhase) => input.onProgress?.(fraction, phase);
  const maxBytes = input.limits?.maxBytes ?? DEFAULT_MAX_BYTES;
  const { size } = await stat(input.file);
  if (size > maxBytes) return refused(oversizedProblem(size, maxBytes));

  report(0, 'lettura');
  let read: Awaited<ReturnType<typeof readFlusso>>;
  try {
    read = await readFlusso(input.file, {
      size,
      maxBytes,
      signal: input.signal,
      onRootAccepted: () => schema?.start(),
      onProgress: (fraction) => report(fraction * PROGRESS.lettura, 'lettura'),
      onRecords,
    });
  } catch (error) {
    await schema?.stop();
    throw error;
  }
  if (!read.ok) {
    await schema?.stop();
    return refused(read.problem);
  }
  const { records } = read;

  report(PROGRESS.lettura, 'schema');
  if (schema && !(await schema.valid())) {
    report(1, 'completata');
    return {
      ...outcome(schema.problems, withUnits(schema.problems.list(), records.unitLines, records.units)),
      buildings: [],
      units: [],
      header: NO_HEADER,
    };
  }

  report(PROGRESS.regole, 'regole');
  const problems = new ProblemCollector();
  applyRules({ enteCodice: input.enteCodice, dataRiferimento: input.dataRiferimento, comuniIstat: input.comuniIstat, previous: input.previous, records, problems });
  report(1, 'completata');
  return {
    ...outcome(problems, problems.list()),
    buildings: records.buildings,
    units: records.units,
    header: headerOf(records),
  };
}

/**
 * xmllint in the background, started once phase 1 allows it. Its outcome is settled at once, so a failure
 * of xmllint while phase 1 is still reading is never an unhandled rejection: it is rethrown by valid().
 */
class BackgroundSchema {
  readonly problems = new ProblemCollector();
  private run: SchemaRun | null = null;
  private outcome: Promise<{ valid: boolean } | { failure: unknown }> | null = null;

  constructor(private readonly file: string, private readonly signal: AbortSignal | undefined) {}

  start(): void {
    this.run = startSchemaValidation(this.file, { signal: this.signal, onProblem: (problem) => this.problems.add(problem) });
    this.outcome = this.run.done.then((result) => result, (failure: unknown) => ({ failure }));
  }

  async valid(): Promise<boolean> {
    if (!this.outcome) throw new Error('Schema validation was never started: phase 1 starts it when it accepts the root element.');
    const outcome = await this.outcome;
    if ('failure' in outcome) throw outcome.failure;
    return outcome.valid;
  }

  /** Its answer no longer matters (the file is refused or the work abandoned): stop it and reap the process. */
  async stop(): Promise<void> {
    this.run?.stop();
    await this.outcome;
  }
}

function checkRequest({ enteCodice, dataRiferimento }: ValidateFlussoInput): void {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(dataRiferimento) ? new Date(`${dataRiferimento}T00:00:00Z`) : null;
  const realDate = date !== null && !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === dataRiferimento;
  if (!enteCodice.trim() || !realDate) {
    throw ApplicationFailure.create({
      type: 'FLUSSO_RICHIESTA_NON_VALIDA',
      message: `Richiesta di validazione non valida: enteCodice «${enteCodice}» e dataRiferimento «${dataRiferimento}» (AAAA-MM-GG) sono obbligatori.`,
      nonRetryable: true,
    });
  }
}

function outcome(collector: ProblemCollector, problems: Problem[]) {
  return { esito: collector.esito, problems, errori: collector.errori, avvisi: collector.avvisi, conteggi: collector.conteggi() };
}

function refused(problem: Problem): ValidationResult {
  const collector = new ProblemCollector();
  collector.add(problem);
  return { ...outcome(collector, collector.list()), buildings: [], units: [], header: NO_HEADER };
}

function headerOf({ header }: FlussoRecords): FlussoHeader {
  return { enteCodice: header.enteCodice, dataRiferimento: header.dataRiferimento, dataProduzione: header.dataProduzione };
}

/** Schema problems name the unit whose element holds their line (units are in document order). */
function withUnits(problems: Problem[], lines: readonly UnitLines[], units: FlussoRecords['units']): Problem[] {
  return problems.map((problem) => {
    if (problem.unita !== null || problem.riga === null) return problem;
    const index = lastStartingBefore(lines, problem.riga);
    const unit = index >= 0 && problem.riga <= (lines[index] as UnitLines).fine ? units[index] : undefined;
    return unit ? { ...problem, unita: unit.codice } : problem;
  });
}

function lastStartingBefore(lines: readonly UnitLines[], line: number): number {
  let low = 0;
  let high = lines.length - 1;
  let found = -1;
  while (low <= high) {
    const middle = (low + high) >>> 1;
    if ((lines[middle] as UnitLines).riga <= line) {
      found = middle;
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found;
}
