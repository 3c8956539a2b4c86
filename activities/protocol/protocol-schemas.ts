// The shapes the register accepts and returns, checked where a request enters (the database register,
// the HTTP server) and where a response arrives (the remote client), so a bad value is refused once with
// the fields named instead of surfacing as an invalid segnatura.
import { z } from 'zod';
import { PROTOCOL_FAILURE, protocolRejection } from './protocol-errors';
import type { AnnulmentRequest, Registration, RegistrationRequest } from './protocol-register';

/** Whether a text has characters XML 1.0 cannot carry (controls other than tab and newlines): a segnatura with them would not parse. */
const hasXmlForbidden = (value: string) =>
  [...value].some((character) => {
    const code = character.codePointAt(0)!;
    return (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff;
  });

const text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((value) => /\S/.test(value), 'vuoto')
    .refine((value) => !hasXmlForbidden(value), 'caratteri di controllo non ammessi');

const DocumentRefSchema = z.object({
  nome: text(255),
  sha256: z.string().regex(/^[0-9a-fA-F]{64}$/, 'SHA-256 esadecimale di 64 cifre').transform((hex) => hex.toLowerCase()),
  documentId: z.string().min(1).max(100).optional(),
  mimeType: z.string().regex(/^[\w.+-]+\/[\w.+-]+$/, 'tipo MIME').optional(),
});

/** The XSD's PartitaIVA type, used for the codice fiscale of an administration or a company. */
const partitaIva = z.string().regex(/^[0-9]{11}$/, '11 cifre');
/** The XSD's CodiceFiscaleType, for a natural person. */
const codiceFiscalePersona = z.string().regex(/^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/, 'codice fiscale');

const SoggettoSchema = z.discriminatedUnion('tipo', [
  z.object({ tipo: z.literal('AMMINISTRAZIONE'), denominazione: text(500), codiceIPA: text(64), codiceAOO: text(64).optional(), codiceFiscale: partitaIva.optional() }),
  z.object({ tipo: z.literal('PERSONA_GIURIDICA'), denominazione: text(500), codiceFiscale: partitaIva.optional() }),
  z.object({ tipo: z.literal('PERSONA_FISICA'), nome: text(200), cognome: text(200), codiceFiscale: codiceFiscalePersona.optional() }),
]);

export const RegistrationRequestSchema = z.object({
  idempotencyKey: z.string().min(1).max(255),
  direction: z.enum(['ENTRATA', 'USCITA']),
  oggetto: text(2000),
  corrispondente: text(500),
  workflowId: z.string().min(1).max(255),
  documenti: z.object({ primario: DocumentRefSchema, allegati: z.array(DocumentRefSchema).max(200) }).optional(),
  classifica: z.string().regex(/^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$/, 'codice del titolario, come 7.3.2').max(64).optional(),
  fascicolo: z.object({ codice: text(100), denominazione: text(500) }).optional(),
  soggettoCorrispondente: SoggettoSchema.optional(),
}) satisfies z.ZodType<RegistrationRequest, unknown>;

export const AnnulmentRequestSchema = z.object({
  registrationId: z.string().min(1).max(100),
  motivo: text(2000),
  actorId: z.string().min(1).max(255),
}) satisfies z.ZodType<AnnulmentRequest, unknown>;

export const RegistrationSchema = z.object({
  id: z.string(),
  aoo: z.string(),
  register: z.string(),
  year: z.number().int(),
  number: z.number().int().positive(),
  direction: z.enum(['ENTRATA', 'USCITA']),
  registeredAt: z.string(),
  segnatura: z.string().nullable(),
  annullamento: z.object({ motivo: z.string(), at: z.string(), da: z.string() }).nullable(),
}) satisfies z.ZodType<Registration, unknown>;

/** Italian for zod's own messages; the schemas' explicit messages (already Italian) take precedence. */
const italian: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'obbligatorio' : 'tipo non valido';
    case 'too_big':
      return `al massimo ${String(issue.maximum)}`;
    case 'too_small':
      return `almeno ${String(issue.minimum)}`;
    case 'invalid_value':
    case 'invalid_union':
      return 'valore non ammesso';
    default:
      return 'valore non valido';
  }
};

/** Parses a value or refuses it, non-retryably, naming the fields that are wrong. */
export function parseOrReject<T>(schema: z.ZodType<T, unknown>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value, { error: italian });
  if (parsed.success) return parsed.data;
  const fields = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(radice)'}: ${issue.message}`);
  throw protocolRejection(PROTOCOL_FAILURE.invalidRequest, `${what} non valida: ${fields.join('; ')}.`);
}
