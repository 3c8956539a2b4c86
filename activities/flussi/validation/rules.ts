// Phase 3: the rules of coherence, correctness, completeness, uniqueness and continuity, run on the
// records of a flusso the schema has accepted (so every value has the type the rules expect).
import { checkBuildings } from './rules-buildings';
import type { RuleContext } from './rules-context';
import { checkContinuity } from './rules-continuity';
import { checkDuplicateUnits } from './rules-duplicates';
import { checkHeader } from './rules-header';
import { checkUnits } from './rules-units';

export function applyRules(context: RuleContext): void {
  checkHeader(context);
  checkBuildings(context);
  checkUnits(context);
  checkDuplicateUnits(context);
  checkContinuity(context);
}
