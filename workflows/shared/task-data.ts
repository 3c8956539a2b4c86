// What each task form's `data` holds, as the workflows write it: checked when the task is opened (a
// mismatch is a procedure's bug, and opens an incident rather than showing a person an empty page), read
// by the inbox with the same schema (alias @shared). Pure zod.
import { z } from 'zod';
import type { FormKey } from './forms';

const Protocollo = z.object({ numero: z.number().int(), anno: z.number().int(), data: z.string() });

/** A filed document a task shows: its id in the document store, its file name and its Impronta. */
export const DocumentoData = z.object({ documentId: z.string(), nome: z.string(), sha256: z.string() });

/** An accreditation request, as every task of the procedure carries it. */
export const RichiestaAccreditamentoData = z.object({
  requestId: z.string(),
  denominazione: z.string(),
  codiceFiscale: z.string(),
  pec: z.string(),
  sede: z.string(),
  rappresentante: z.object({ nome: z.string(), cognome: z.string(), codiceFiscale: z.string(), qualifica: z.string() }),
  protocollo: Protocollo,
});

/** A call of the rent-support fund, as its tasks name it. */
const BandoFondoData = z.object({ bandoId: z.string(), titoloBando: z.string() });

/** A Comune's application, as the tasks about it carry it (amounts as decimal strings). */
const DomandaFondoData = BandoFondoData.extend({ domandaId: z.string(), ente: z.string() });

export const TASK_DATA = {
  'presa-in-carico': z.object({ communicationId: z.string(), mittente: z.string(), oggetto: z.string(), testo: z.string(), protocollo: Protocollo }),
  'istruttoria-accreditamento': RichiestaAccreditamentoData.extend({ round: z.number().int().min(1) }),
  'integrazione-accreditamento': RichiestaAccreditamentoData.extend({ richiesta: z.string() }),
  'firma-provvedimento': RichiestaAccreditamentoData.extend({
    istruttore: z.string(),
    /** The act as it will be signed, for the dirigente to read (absent in procedures started before). */
    atto: DocumentoData.optional(),
  }),
  'trasmissione-flusso': z.object({ dataRiferimento: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), ente: z.string() }),
  'firma-atto': z.object({
    oggetto: z.string(),
    istruttore: z.string(),
    /** The act as it will be signed, for the dirigente to read. */
    atto: DocumentoData,
    /** What the act decides, in a few lines the task shows beside it. */
    riepilogo: z.array(z.object({ voce: z.string(), valore: z.string() })),
  }),
  'proposta-riparto': BandoFondoData.extend({
    round: z.number().int().min(1),
    comuni: z.number().int(),
    budget: z.string(),
    fabbisogno: z.string(),
    assegnato: z.string(),
    /** Why the dirigente sent the previous proposal back. */
    notaRinvio: z.string().optional(),
  }),
  'domanda-fondo-affitti': DomandaFondoData.extend({
    apertura: z.string(),
    scadenza: z.string(),
    /** The call's bands, which its submission is checked against (absent in procedures started before). */
    fasce: z.record(z.enum(['A', 'B']), z.object({ iseeMaxCents: z.number(), incidenzaMinima: z.number(), contributoMaxCents: z.number() })).optional(),
  }),
  'istruttoria-domanda-fondo': DomandaFondoData.extend({
    round: z.number().int().min(1),
    protocollo: Protocollo,
    fabbisogno: z.string(),
    cofinanziamento: z.string(),
  }),
  'integrazione-domanda-fondo': DomandaFondoData.extend({ richiesta: z.string() }),
  'graduatoria-rideterminata': DomandaFondoData.extend({
    quota: z.string(),
    fabbisogno: z.string(),
    /** The share over the need, as the Comune reads it ("75,43 %"), and the cut to every award ("−24,57 %"). */
    copertura: z.string(),
    riduzione: z.string(),
    /** What the Comune is asked to do, in a sentence. */
    indicazione: z.string(),
  }),
  'rendicontazione-fondo': DomandaFondoData.extend({
    quota: z.string(),
    cofinanziamento: z.string(),
    liquidazione: z.object({ numeroAtto: z.string(), dataAtto: z.string(), liquidataIl: z.string() }),
    /** The Region's request to correct it, on a later round. */
    richiesta: z.string().optional(),
  }),
  'verifica-rendicontazione-fondo': DomandaFondoData.extend({
    round: z.number().int().min(1),
    quota: z.string(),
    cofinanziamento: z.string(),
    pagatoA: z.string(),
    beneficiariA: z.number().int(),
    pagatoB: z.string(),
    beneficiariB: z.number().int(),
    residuo: z.string(),
    relazione: DocumentoData,
    note: z.string().optional(),
  }),
} as const satisfies Record<FormKey, z.ZodType>;

export type TaskDataOf<K extends FormKey> = z.input<(typeof TASK_DATA)[K]>;

/** The problem with a task's data, in words an engineer reads in the incident; null when it fits. */
export function taskDataProblem(formKey: FormKey, data: unknown): string | null {
  const parsed = TASK_DATA[formKey].safeParse(data);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  return `dati dell'attività «${formKey}» non conformi: ${issue.path.join('.') || '(radice)'}: ${issue.message}`;
}
