/** The decision of an istruttoria-accreditamento task. */
import { esitoLabels } from '@shared/outcome-forms';
import { text } from '../read';

export const ESITO = esitoLabels('istruttoria-accreditamento');

export interface IstruttoriaOutcome {
  esito: string;
  motivazione: string | undefined;
  richiesta: string | undefined;
  giorniIntegrazione: number | undefined;
}

export function readOutcome(outcome: Record<string, unknown> | null): IstruttoriaOutcome | undefined {
  const esito = text(outcome?.esito);
  if (!outcome || !esito) return undefined;
  return {
    esito: ESITO[esito] ?? esito,
    motivazione: text(outcome.motivazione),
    richiesta: text(outcome.richiesta),
    giorniIntegrazione: typeof outcome.giorniIntegrazione === 'number' ? outcome.giorniIntegrazione : undefined,
  };
}
