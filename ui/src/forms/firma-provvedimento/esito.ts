/** The decision of a firma-provvedimento task. */
import { esitoLabels } from '@shared/outcome-forms';
import { text } from '../read';

export const ESITO = esitoLabels('firma-provvedimento');

export function readOutcome(outcome: Record<string, unknown> | null) {
  const esito = text(outcome?.esito);
  if (!outcome || !esito) return undefined;
  return { esito: ESITO[esito] ?? esito, nota: text(outcome.nota) };
}
