/** The answer of an integrazione-accreditamento task. */
import { text } from '../read';

export function readOutcome(outcome: Record<string, unknown> | null) {
  const risposta = text(outcome?.risposta);
  if (!outcome || risposta === undefined) return undefined;
  return { risposta, nuovoAtto: text(outcome.attoNominaDocumentId) !== undefined };
}
