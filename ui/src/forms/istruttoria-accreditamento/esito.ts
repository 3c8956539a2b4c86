/** The decision of an istruttoria-accreditamento task. */
import { text } from '../read';

export type Esito = 'APPROVA' | 'RESPINGI' | 'INTEGRAZIONE';

export const ESITO: Record<Esito, string> = {
  APPROVA: 'Approva',
  RESPINGI: 'Respingi',
  INTEGRAZIONE: 'Chiedi integrazione',
};

/** What happens next, said before the istruttore confirms. */
export const SEGUITO: Record<Esito, string> = {
  APPROVA: 'Il provvedimento di accreditamento passa al dirigente per la firma.',
  RESPINGI:
    'PUSH genera il provvedimento di rigetto con la motivazione, lo protocolla in uscita e lo invia via PEC all’ente.',
  INTEGRAZIONE:
    'L’ente riceve la richiesta via PEC e risponde da PUSH entro il termine; in mancanza di risposta la richiesta decade.',
};

export const TESTO_MAX = 4000;
export const GIORNI = { min: 1, max: 90, default: 15 };

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
    esito: ESITO[esito as Esito] ?? esito,
    motivazione: text(outcome.motivazione),
    richiesta: text(outcome.richiesta),
    giorniIntegrazione: typeof outcome.giorniIntegrazione === 'number' ? outcome.giorniIntegrazione : undefined,
  };
}
