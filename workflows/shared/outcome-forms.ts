// The task forms that are only an outcome — choose an esito, then the text, days or file that esito needs —
// as data: the inbox renders them all with one component (ui/src/forms/OutcomeForm.vue) and checks them
// with the very schema the workflow's validator applies (checkDecision in ./forms), so the rules and the
// Italian messages are written once. Pure: the UI imports it (@shared).
import type { FormKey } from './forms';
import { parseItalianAmount } from './money';

interface FieldBase {
  label: string;
  hint?: string;
  /** The esiti that show it (all, when absent). */
  shownFor?: readonly string[];
  /** Half the row on a wide screen: an amount beside its count. */
  half?: true;
}

export interface OutcomeTextField extends FieldBase {
  kind: 'text';
  /** For the counter; the schema is what decides. */
  max?: number;
}

export interface OutcomeDaysField extends FieldBase {
  kind: 'days';
  /** The input's bounds and starting value; the schema is what decides. */
  min?: number;
  max?: number;
  initial?: number;
}

/** A whole number of things (beneficiaries, applications); the decision carries a number. */
export interface OutcomeCountField extends FieldBase {
  kind: 'count';
}

/** Euro typed the Italian way («1.234,56»); the decision carries the decimal string ("1234.56"). */
export interface OutcomeAmountField extends FieldBase {
  kind: 'amount';
}

/**
 * A PDF the decision carries: uploaded first to POST /api/tasks/:id/documenti/:field, filed in the document
 * store under the task's procedure (a new version of the procedure's last document of the same `tipo`),
 * and named in the decision by its id. Optional unless the schema says otherwise.
 */
export interface OutcomeFileField extends FieldBase {
  kind: 'file';
  /** What the document store files it as, and its title there. */
  tipo: string;
  titolo: string;
  maxMb: number;
  /** An Excel list checked row by row on a page of its own (not a PDF uploaded with the form). */
  excel?: true;
}

/**
 * A document of the task's data (`documento`: its field, a DocumentoData) the person confirms having read:
 * ticked, the decision carries its Impronta, so the procedure acts on that very document and no other.
 * Shown only when the task has the document.
 */
export interface OutcomeConfirmField extends FieldBase {
  kind: 'conferma';
  documento: string;
}

export type OutcomeField = OutcomeTextField | OutcomeDaysField | OutcomeCountField | OutcomeAmountField | OutcomeFileField | OutcomeConfirmField;

export interface OutcomeFormContract {
  /** The choice the form asks for; a form without one is an answer (text and files) and nothing else. */
  esiti?: Readonly<Record<string, {
    label: string;
    /** What happens next, said before confirming. */
    seguito?: string;
    /** Asked in a dialog before sending, for a decision that cannot be undone. */
    conferma?: { titolo: string; testo: string };
  }>>;
  fields: Readonly<Record<string, OutcomeField>>;
  /** Said above the esiti, always (what the decision does, when it cannot be undone). */
  avviso?: string;
  /** A document of the task's data (`campo`) shown above the esiti, to be read before deciding. */
  documento?: { campo: string; titolo: string };
  /** What the task asks, from its data (`campo`), shown above the form with the task's deadline (when the data has it). */
  richiamo?: { titolo: string; campo: string; scadenza: string };
  /** The submit button reads the chosen esito (a signature), or this label, or "Completa attività". */
  submitReadsEsito?: boolean;
  submitLabel?: string;
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
  'integrazione-accreditamento': {
    richiamo: { titolo: 'La Regione chiede di integrare la richiesta', campo: 'richiesta', scadenza: 'Rispondi entro il {data}: poi la richiesta decade.' },
    fields: {
      risposta: { kind: 'text', label: 'Risposta', max: 4000 },
      attoNominaDocumentId: {
        kind: 'file',
        label: 'Nuovo atto di nomina (facoltativo)',
        hint: 'Se la Regione lo chiede: un PDF di 10 MB al massimo, che sostituisce quello inviato.',
        tipo: 'ATTO_NOMINA',
        titolo: 'Atto di nomina del rappresentante legale (integrazione)',
        maxMb: 10,
      },
    },
    submitLabel: 'Invia l’integrazione',
  },
  'firma-provvedimento': {
    avviso: 'Con «Firma e trasmetti» PUSH firma digitalmente in PAdES a tuo nome il provvedimento di accreditamento che leggi qui sotto, lo protocolla in uscita e lo invia via PEC all’ente, che diventa attivo sulla piattaforma. L’operazione non si può annullare.',
    documento: { campo: 'atto', titolo: 'Il provvedimento da firmare' },
    esiti: {
      FIRMA: {
        label: 'Firma e trasmetti',
        conferma: {
          titolo: 'Firmi il provvedimento?',
          testo: 'Il provvedimento che hai letto sarà firmato digitalmente a tuo nome, protocollato in uscita e inviato via PEC all’ente. L’operazione non si può annullare.',
        },
      },
      RINVIA: { label: 'Rinvia all’istruttoria' },
    },
    fields: {
      impronta: { kind: 'conferma', label: 'Ho letto il provvedimento e lo firmo così com’è', documento: 'atto', shownFor: ['FIRMA'] },
      nota: { kind: 'text', label: 'Nota per l’istruttore', hint: 'Spiega che cosa va rivisto: la richiesta torna in istruttoria.', shownFor: ['RINVIA'], max: 2000 },
    },
    submitReadsEsito: true,
  },
  'firma-atto': {
    avviso: 'Con «Firma e trasmetti» PUSH firma digitalmente in PAdES a tuo nome l’atto che leggi qui sotto, lo protocolla in uscita e lo trasmette via PEC ai destinatari. L’operazione non si può annullare.',
    documento: { campo: 'atto', titolo: 'L’atto da firmare' },
    esiti: {
      FIRMA: {
        label: 'Firma e trasmetti',
        conferma: {
          titolo: 'Firmi l’atto?',
          testo: 'L’atto che hai letto sarà firmato digitalmente a tuo nome, protocollato in uscita e trasmesso via PEC. L’operazione non si può annullare.',
        },
      },
      RINVIA: { label: 'Rinvia all’istruttore' },
    },
    fields: {
      impronta: { kind: 'conferma', label: 'Ho letto l’atto e lo firmo così com’è', documento: 'atto', shownFor: ['FIRMA'] },
      nota: { kind: 'text', label: 'Nota per l’istruttore', hint: 'Spiega che cosa va rivisto.', shownFor: ['RINVIA'], max: 2000 },
    },
    submitReadsEsito: true,
  },
  'proposta-riparto': {
    esiti: { PROPONI: { label: 'Proponi il riparto', seguito: 'L’atto di riparto, con la tabella in allegato, passa al dirigente per la firma.' } },
    fields: { nota: { kind: 'text', label: 'Nota per il dirigente', hint: 'Facoltativa.', max: 2000 } },
    submitReadsEsito: true,
  },
  'istruttoria-domanda-fondo': {
    esiti: {
      APPROVA: { label: 'Ammetti', seguito: 'La domanda entra nel riparto con il fabbisogno dichiarato.' },
      RESPINGI: { label: 'Escludi', seguito: 'Il Comune riceve via PEC l’esclusione con i motivi; la domanda non entra nel riparto.' },
      INTEGRAZIONE: { label: 'Chiedi integrazione', seguito: 'Il Comune riceve la richiesta via PEC e risponde da PUSH entro il termine; in mancanza di risposta la domanda decade.' },
    },
    fields: {
      motivazione: { kind: 'text', label: 'Motivi dell’esclusione', shownFor: ['RESPINGI'], max: 4000 },
      richiesta: { kind: 'text', label: 'Che cosa deve integrare il Comune', shownFor: ['INTEGRAZIONE'], max: 4000 },
      giorniIntegrazione: { kind: 'days', label: 'Giorni per rispondere', shownFor: ['INTEGRAZIONE'], min: 1, max: 90, initial: 10 },
    },
  },
  'integrazione-domanda-fondo': {
    richiamo: { titolo: 'La Regione chiede di integrare la domanda', campo: 'richiesta', scadenza: 'Rispondi entro il {data}: poi la domanda decade.' },
    fields: { risposta: { kind: 'text', label: 'Risposta', hint: 'Se la Regione chiede di correggere i dati, correggili prima nella domanda.', max: 4000 } },
    submitLabel: 'Invia l’integrazione',
  },
  'graduatoria-rideterminata': {
    richiamo: { titolo: 'La quota assegnata non copre tutto il fabbisogno', campo: 'indicazione', scadenza: 'Pubblica la graduatoria rideterminata entro il {data}.' },
    fields: {
      graduatoriaDocumentId: {
        kind: 'file',
        label: 'Graduatoria rideterminata',
        hint: 'Il PDF della graduatoria con i contributi ridotti in proporzione, come pubblicata: 20 MB al massimo.',
        tipo: 'GRADUATORIA_RIDETERMINATA_FONDO',
        titolo: 'Graduatoria rideterminata dei beneficiari',
        maxMb: 20,
      },
      nota: { kind: 'text', label: 'Nota per la Regione', hint: 'Facoltativa: ad esempio dove e quando è stata pubblicata.', max: 2000 },
    },
    submitLabel: 'Invia la graduatoria',
  },
  'rendicontazione-fondo': {
    richiamo: { titolo: 'La Regione chiede di correggere la rendicontazione', campo: 'richiesta', scadenza: 'Correggi entro il {data}: poi la rendicontazione risulta non presentata.' },
    fields: {
      pagatoA: { kind: 'amount', label: 'Fascia A – importo pagato', half: true },
      beneficiariA: { kind: 'count', label: 'Fascia A – beneficiari pagati', half: true },
      pagatoB: { kind: 'amount', label: 'Fascia B – importo pagato', half: true },
      beneficiariB: { kind: 'count', label: 'Fascia B – beneficiari pagati', half: true },
      residuo: { kind: 'amount', label: 'Fondi residui', hint: 'La parte della quota regionale non pagata ai beneficiari.' },
      relazioneDocumentId: {
        kind: 'file',
        label: 'Relazione di rendicontazione',
        hint: 'Il PDF con i pagamenti disposti (determine, mandati): 20 MB al massimo.',
        tipo: 'RENDICONTAZIONE_FONDO',
        titolo: 'Relazione di rendicontazione del contributo',
        maxMb: 20,
      },
      note: { kind: 'text', label: 'Note', hint: 'Facoltative.', max: 2000 },
    },
    submitLabel: 'Invia la rendicontazione',
  },
  'verifica-rendicontazione-fondo': {
    esiti: {
      APPROVA: { label: 'Approva', seguito: 'La rendicontazione del Comune è chiusa.' },
      INTEGRAZIONE: { label: 'Chiedi di correggerla', seguito: 'Il Comune riceve la richiesta via PEC e corregge la rendicontazione da PUSH entro il termine.' },
    },
    fields: {
      richiesta: { kind: 'text', label: 'Che cosa deve correggere il Comune', shownFor: ['INTEGRAZIONE'], max: 4000 },
      giorniIntegrazione: { kind: 'days', label: 'Giorni per rispondere', shownFor: ['INTEGRAZIONE'], min: 1, max: 90, initial: 15 },
    },
  },
} as const satisfies Partial<Record<FormKey, OutcomeFormContract>>;

export type OutcomeFormKey = keyof typeof OUTCOME_FORMS;

export const outcomeFormOf = (formKey: string): OutcomeFormContract | undefined => (OUTCOME_FORMS as Partial<Record<string, OutcomeFormContract>>)[formKey];

/** The fields the form shows once `esito` is chosen (null: none chosen yet, or a form without esiti). */
export function shownFields(contract: OutcomeFormContract, esito: string | null): [string, OutcomeField][] {
  return Object.entries(contract.fields).filter(([, field]) => !field.shownFor || (esito !== null && field.shownFor.includes(esito)));
}

/**
 * The PDFs of the forms the inbox draws with a component of their own (not an outcome form): uploaded the
 * same way, to POST /api/tasks/:id/documenti/:field, and named in the decision by id.
 */
export const OWN_FORM_FILES: Readonly<Partial<Record<FormKey, Readonly<Record<string, OutcomeFileField>>>>> = {
  'domanda-fondo-affitti': {
    bandoComunaleDocumentId: { kind: 'file', label: 'Bando comunale', tipo: 'BANDO_COMUNALE_FONDO', titolo: 'Bando comunale per il sostegno alla locazione', maxMb: 20 },
    graduatoriaDocumentId: { kind: 'file', label: 'Graduatoria', tipo: 'GRADUATORIA_FONDO', titolo: 'Graduatoria dei beneficiari', maxMb: 20 },
    // Uploaded by POST /api/fondo-affitti/domande/:id/beneficiari, which checks each row.
    beneficiariDocumentId: { kind: 'file', label: 'Elenco dei beneficiari', tipo: 'BENEFICIARI_FONDO', titolo: 'Elenco dei beneficiari ammissibili', maxMb: 10, excel: true },
  },
};

/** Every file field of a form, by its name in the decision. */
export function fileFieldsOf(formKey: string): [string, OutcomeFileField][] {
  const own = Object.entries(OWN_FORM_FILES[formKey as FormKey] ?? {});
  const outcome = Object.entries(outcomeFormOf(formKey)?.fields ?? {}).filter((entry): entry is [string, OutcomeFileField] => entry[1].kind === 'file');
  return [...outcome, ...own];
}

/** The file field `name` of a form, if it has one: what the task-document upload accepts. */
export function fileFieldOf(formKey: string, name: string): OutcomeFileField | undefined {
  return fileFieldsOf(formKey).find(([field]) => field === name)?.[1];
}

/** Every form that takes files: the upload bounds a request by the largest field of the name it names. */
export const FORMS_WITH_FILES = [...Object.keys(OUTCOME_FORMS), ...Object.keys(OWN_FORM_FILES)];

/**
 * The decision a filled form sends: the esito (if the form has esiti) and only the fields it shows, text
 * trimmed (left out when empty), days and counts as numbers, euro as decimal strings, files as the id of the document uploaded.
 */
export function outcomeDecision(contract: OutcomeFormContract, esito: string | null, values: Readonly<Record<string, string>>): Record<string, unknown> {
  const decision: Record<string, unknown> = esito === null ? {} : { esito };
  for (const [name, field] of shownFields(contract, esito)) {
    const value = (values[name] ?? '').trim();
    if (value === '') continue;
    decision[name] = typed(field, value);
  }
  return decision;
}

/** A field's text as the decision carries it: numbers as numbers, euro as decimals; else as typed, for the schema to name. */
function typed(field: OutcomeField, value: string): unknown {
  if (field.kind === 'days') return Number(value);
  if (field.kind === 'count') return /^\d+$/.test(value) ? Number(value) : value;
  if (field.kind === 'amount') return parseItalianAmount(value) ?? value;
  return value;
}

/** The esiti's labels, for the summaries that show an outcome already decided. */
export const esitoLabels = (formKey: OutcomeFormKey): Readonly<Record<string, string>> =>
  Object.fromEntries(Object.entries(outcomeFormOf(formKey)?.esiti ?? {}).map(([value, esito]) => [value, esito.label]));
