/** The decision of a firma-provvedimento task. */
import { text } from '../read';

export type Esito = 'FIRMA' | 'RINVIA';

export const ESITO: Record<Esito, string> = {
  FIRMA: 'Firma e trasmetti',
  RINVIA: "Rinvia all'istruttoria",
};

export const NOTA_MAX = 2000;

export function readOutcome(outcome: Record<string, unknown> | null) {
  const esito = text(outcome?.esito);
  if (!outcome || !esito) return undefined;
  return { esito: ESITO[esito as Esito] ?? esito, nota: text(outcome.nota) };
}
