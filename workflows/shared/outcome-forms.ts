// The task forms that are only an outcome — choose an esito, then the text or days that esito needs — as
// data: the inbox renders them all with one component (ui/src/forms/OutcomeForm.vue) and checks them with
// the very schema the workflow's validator applies (checkDecision in ./forms), so the rules and the
// Italian messages are written once. Pure: the UI imports it (@shared).
import type { FormKey } from './forms';

export interface OutcomeField {
  kind: 'text' | 'days';
  label: string;
  hint?: string;
  /** The esiti that show it (all, when absent). */
  shownFor?: readonly string[];
  /** For the counter (text) or the input's bounds (days); the schema is what decides. */
  max?: number;
  min?: number;
  initial?: number;
}

export interface OutcomeFormContract {
  esiti: Readonly<Record<string, { label: string; /** What happens next, said before confirming. */ seguito?: string }>>;
  fields: Readonly<Record<string, OutcomeField>>;
  /** Said above the esiti, always (what the decision does, when it cannot be undone). */
  avviso?: string;
  /** The submit button reads the chosen esito (a signature), or "Completa attività". */
  submitReadsEsito?: boolean;
}

export const OUTCOME_FORMS = {
  'presa-in-carico': {
    esiti: { PRESA_IN_CARICO: { label: 'Presa in carico' }, NON_DI_COMPETENZA: { label: 'Non di competenza' } },
    fields: { note: { kind: 'text', label: 'Note', hint: 'Facoltative; obbligatorie se la comunicazione non è di competenza.', max: 2000 } },
  },
  'istruttoria-accreditamento': {
    esiti: {
      APPROVA: { label: 'Approva', seguito: 'Il provvedimento di accreditamento passa al dirigente per la firma.' },
      RESPINGI: { label: 'Respingi', seguito: 'PUSH genera il provvedimento di rigetto con la motivazione, lo protocolla in uscita e lo invia via PEC all’ente.' },
      INTEGRAZIONE: { label: 'Chiedi integrazione', seguito: 'L’ente riceve la richiesta via PEC e risponde da PUSH entro il termine; in mancanza di risposta la richiesta decade.' },
    },
    fields: {
      motivazione: { kind: 'text', label: 'Motivazione del rigetto', hint: 'Compare nel provvedimento di rigetto inviato all’ente.', shownFor: ['RESPINGI'], max: 4000 },
      richiesta: { kind: 'text', label: 'Che cosa deve integrare l’ente', shownFor: ['INTEGRAZIONE'], max: 4000 },
      giorniIntegrazione: { kind: 'days', label: 'Giorni per rispondere', shownFor: ['INTEGRAZIONE'], min: 1, max: 90, initial: 15 },
    },
  },
  'firma-provvedimento': {
    avviso: 'Con «Firma e trasmetti» PUSH genera il provvedimento di accreditamento, lo firma digitalmente in PAdES a tuo nome, lo protocolla in uscita e lo invia via PEC all’ente, che diventa attivo sulla piattaforma. L’operazione non si può annullare.',
    esiti: { FIRMA: { label: 'Firma e trasmetti' }, RINVIA: { label: 'Rinvia all’istruttoria' } },
    fields: { nota: { kind: 'text', label: 'Nota per l’istruttore', hint: 'Spiega che cosa va rivisto: la richiesta torna in istruttoria.', shownFor: ['RINVIA'], max: 2000 } },
    submitReadsEsito: true,
  },
} as const satisfies Partial<Record<FormKey, OutcomeFormContract>>;

export type OutcomeFormKey = keyof typeof OUTCOME_FORMS;

export const outcomeFormOf = (formKey: string): OutcomeFormContract | undefined => (OUTCOME_FORMS as Partial<Record<string, OutcomeFormContract>>)[formKey];

/**
 * The decision a filled form sends: the esito and only the fields it shows, text trimmed (left out when
 * empty), days as a number.
 */
export function outcomeDecision(contract: OutcomeFormContract, esito: string, values: Readonly<Record<string, string>>): Record<string, unknown> {
  const decision: Record<string, unknown> = { esito };
  for (const [name, field] of Object.entries(contract.fields)) {
    if (field.shownFor && !field.shownFor.includes(esito)) continue;
    const value = (values[name] ?? '').trim();
    if (value === '') continue;
    decision[name] = field.kind === 'days' ? Number(value) : value;
  }
  return decision;
}

/** The esiti's labels, for the summaries that show an outcome already decided. */
export const esitoLabels = (formKey: OutcomeFormKey): Readonly<Record<string, string>> =>
  Object.fromEntries(Object.entries(OUTCOME_FORMS[formKey].esiti).map(([value, esito]) => [value, esito.label]));
