// What every rule reads: the request, the records of the flusso with their lines, and where problems go.
import type { ProblemCollector } from './problems';
import type { FlussoRecords } from './read-flusso';
import type { PreviousSnapshot } from './types';

export interface RuleContext {
  enteCodice: string;
  /** The reference date asked, YYYY-MM-DD: the rules measure dates against it, not against the file's. */
  dataRiferimento: string;
  comuniIstat: ReadonlySet<string>;
  previous: PreviousSnapshot | null;
  records: FlussoRecords;
  problems: ProblemCollector;
}
