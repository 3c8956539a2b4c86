/** A document registered with a protocol entry. The workflow passes the hash of a stored document, never bytes. */
export interface ProtocolDocumentRef {
  /** File name, written as the segnatura's `nomeFile`. */
  nome: string;
  /** SHA-256 of the content in hex, as the document store keeps it; the segnatura writes it in base64. */
  sha256: string;
  /** The document in the document store, when it holds it. */
  documentId?: string;
  /** MIME type (RFC 6838); deduced from the name's extension when absent. */
  mimeType?: string;
}

export interface RegistrationDocuments {
  primario: ProtocolDocumentRef;
  allegati: ProtocolDocumentRef[];
}

/**
 * The correspondent as the AgID segnatura describes a Soggetto. Without it the segnatura names the
 * correspondent as a PersonaGiuridica by `corrispondente` alone, the only kind the schema allows with a
 * name and nothing else.
 */
export type SoggettoCorrispondente =
  | { tipo: 'AMMINISTRAZIONE'; denominazione: string; codiceIPA: string; codiceAOO?: string; codiceFiscale?: string }
  | { tipo: 'PERSONA_GIURIDICA'; denominazione: string; codiceFiscale?: string }
  | { tipo: 'PERSONA_FISICA'; nome: string; cognome: string; codiceFiscale?: string };

/** A registration request: the idempotency key makes a retried request return the same number. */
export interface RegistrationRequest {
  idempotencyKey: string;
  direction: 'ENTRATA' | 'USCITA';
  oggetto: string;
  /** Sender (in entrata) or recipient (in uscita). */
  corrispondente: string;
  workflowId: string;
  /** The protocolled documents; with them the registration carries a signed AgID segnatura. */
  documenti?: RegistrationDocuments;
  /** Titolario code, e.g. "7.3.2"; unset, the register's default classification. */
  classifica?: string;
  fascicolo?: { codice: string; denominazione: string };
  soggettoCorrispondente?: SoggettoCorrispondente;
}

export interface AnnulmentRequest {
  registrationId: string;
  motivo: string;
  /** Who annuls: recorded on the registration and in the audit trail. */
  actorId: string;
}

export interface Registration {
  id: string;
  aoo: string;
  register: string;
  year: number;
  number: number;
  direction: 'ENTRATA' | 'USCITA';
  /** ISO date-time of the registration. */
  registeredAt: string;
  /**
   * The signed AgID segnatura (segnatura_protocollo.xsd 3.0.0). Null for a registration without
   * electronic documents: the schema requires a DocumentoPrimario with its Impronta.
   */
  segnatura: string | null;
  /** Set once the registration is annulled; the number and the segnatura stay. */
  annullamento: { motivo: string; at: string; da: string } | null;
}

/** The protocol register of the Region's AOO. Numbers are unique and gapless per register and year. */
export interface ProtocolRegister {
  register(request: RegistrationRequest): Promise<Registration>;
  /** Annuls a registration, keeping it; a second annulment is refused (non-retryable). */
  annul(request: AnnulmentRequest): Promise<Registration>;
}

/** "N. 12/2026": how a protocol number is written for people. */
export function formatProtocolNumber(registration: Pick<Registration, 'number' | 'year'>): string {
  return `${registration.number}/${registration.year}`;
}
