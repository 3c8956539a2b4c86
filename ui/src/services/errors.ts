const GENERIC = 'Si è verificato un errore interno: riprova più tardi.';

/** API error codes mapped to the Italian messages people read: the one place to change a wording. */
const MESSAGES: Record<string, string> = {
  NON_AUTENTICATO: 'La sessione è scaduta: accedi di nuovo.',
  NON_AUTORIZZATO: 'Non hai i permessi per questa operazione.',
  NON_TROVATO: "L'elemento richiesto non esiste o non è più disponibile.",
  DATI_NON_VALIDI: 'I dati inviati non sono validi: controlla i campi evidenziati.',
  CSRF_NON_VALIDO: 'La sessione è cambiata in un’altra scheda: ricarica la pagina e riprova.',
  CONFLITTO: 'Operazione non più possibile: i dati sono stati modificati nel frattempo. Ricarica la pagina.',
  ATTIVITA_NON_DISPONIBILE:
    "L'attività non è più disponibile: è stata completata, annullata o presa in carico da un'altra persona.",
  FILE_TROPPO_GRANDE: 'Un allegato supera la dimensione massima consentita (10 MB).',
  TROPPI_FILE: 'Puoi allegare al massimo 5 file.',
  TIPO_FILE_NON_AMMESSO: 'Tipo di file non ammesso: sono accettati PDF, P7M, XML, immagini e documenti d’ufficio.',
  ENTE_GIA_ACCREDITATO: 'L’ente è già accreditato su PUSH: non serve una nuova richiesta.',
  RICHIESTA_IN_CORSO: 'Per questo ente c’è già una richiesta di accreditamento in corso.',
  ENTE_NON_ATTIVO: 'L’ente non è ancora accreditato: i referenti si nominano dopo l’accreditamento.',
  GIA_REVOCATA: 'La nomina è già stata revocata.',
  SERVIZIO_NON_DISPONIBILE: 'Il servizio è momentaneamente non disponibile: riprova tra qualche minuto.',
  ERRORE_INTERNO: GENERIC,
  ERRORE_DI_RETE: 'Impossibile contattare il server: verifica la connessione e riprova.',
};

/** Codes whose server message says what exactly is wrong (which field, which rule): shown as the server wrote it. */
const SPECIFIC_CODES = new Set(['DATI_NON_VALIDI', 'NON_AUTORIZZATO']);

function codeForStatus(status: number): string {
  if (status === 0) return 'ERRORE_DI_RETE';
  if (status === 401) return 'NON_AUTENTICATO';
  if (status === 403) return 'NON_AUTORIZZATO';
  if (status === 404) return 'NON_TROVATO';
  if (status === 409) return 'CONFLITTO';
  if (status === 413) return 'FILE_TROPPO_GRANDE';
  if (status === 400 || status === 422) return 'DATI_NON_VALIDI';
  if (status >= 502 && status <= 504) return 'SERVIZIO_NON_DISPONIBILE';
  return 'ERRORE_INTERNO';
}

/** One field at fault in a form of many rows: its path (`unita.2.superficie`) and the message naming it. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * An API failure: `code` for programs, `message` (Italian) for people, `field` for the form field at
 * fault, and `details` — every field at fault — when the API lists them (`dettagli`).
 */
export class ApiError extends Error {
  readonly code: string;

  constructor(
    readonly status: number,
    code: string | undefined,
    serverMessage?: string,
    readonly field?: string,
    readonly details: readonly FieldProblem[] = [],
  ) {
    const resolved = code ?? codeForStatus(status);
    super(italianMessage(resolved, serverMessage, field));
    this.name = 'ApiError';
    this.code = resolved;
  }
}

function italianMessage(code: string, serverMessage: string | undefined, field: string | undefined): string {
  if (serverMessage && (SPECIFIC_CODES.has(code) || !(code in MESSAGES))) {
    // The API prefixes a field's message with "field: "; the form shows it next to the field already.
    return field && serverMessage.startsWith(`${field}: `) ? serverMessage.slice(field.length + 2) : serverMessage;
  }
  return MESSAGES[code] ?? GENERIC;
}

/** The message to show for anything caught while talking to the API. */
export function messageOf(error: unknown): string {
  return error instanceof ApiError ? error.message : GENERIC;
}
