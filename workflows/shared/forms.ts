// The decision each task form accepts. Pure zod: validated in the workflow's update validator (so a bad
// decision is refused before anything is recorded) and reused by the API for its OpenAPI schemas.
import { z } from 'zod';

z.config(z.locales.it());

export const PresaInCaricoDecision = z
  .object({
    esito: z.enum(['PRESA_IN_CARICO', 'NON_DI_COMPETENZA'], {
      error: 'scegli se prendere in carico la comunicazione o se non è di competenza',
    }),
    note: z.string().trim().max(2000, 'al massimo 2000 caratteri').optional(),
  })
  .superRefine((value, ctx) => {
    if (value.esito === 'NON_DI_COMPETENZA' && !value.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: 'indica perché la comunicazione non è di competenza' });
    }
  });

export const IstruttoriaAccreditamentoDecision = z
  .object({
    esito: z.enum(['APPROVA', 'RESPINGI', 'INTEGRAZIONE'], { error: 'scegli se approvare, respingere o chiedere un’integrazione' }),
    motivazione: z.string().trim().max(4000, 'al massimo 4000 caratteri').optional(),
    richiesta: z.string().trim().max(4000, 'al massimo 4000 caratteri').optional(),
    giorniIntegrazione: z.number({ error: 'indica entro quanti giorni' }).int('un numero intero di giorni').min(1, 'almeno 1 giorno').max(90, 'al massimo 90 giorni').optional(),
  })
  .superRefine((value, ctx) => {
    if (value.esito === 'RESPINGI' && !value.motivazione) {
      ctx.addIssue({ code: 'custom', path: ['motivazione'], message: 'indica i motivi del rigetto' });
    }
    if (value.esito === 'INTEGRAZIONE' && !value.richiesta) {
      ctx.addIssue({ code: 'custom', path: ['richiesta'], message: 'descrivi che cosa l’ente deve integrare' });
    }
    if (value.esito === 'INTEGRAZIONE' && value.giorniIntegrazione === undefined) {
      ctx.addIssue({ code: 'custom', path: ['giorniIntegrazione'], message: 'indica entro quanti giorni' });
    }
  });

export const IntegrazioneAccreditamentoDecision = z.object({
  risposta: z.string({ error: 'scrivi la risposta alla richiesta di integrazione' }).trim().min(1, 'scrivi la risposta alla richiesta di integrazione').max(4000, 'al massimo 4000 caratteri'),
  /** A new act of appointment, uploaded first to POST /api/accreditamenti/:id/atto-nomina. */
  attoNominaDocumentId: z.string().uuid('documento non valido').optional(),
});

export const FirmaProvvedimentoDecision = z
  .object({
    esito: z.enum(['FIRMA', 'RINVIA'], { error: 'scegli se firmare il provvedimento o rinviarlo all’istruttoria' }),
    nota: z.string().trim().max(2000, 'al massimo 2000 caratteri').optional(),
    /** The Impronta of the act the dirigente read and confirmed: the procedure signs that one only. */
    impronta: z.string().regex(/^[0-9a-f]{64}$/, 'conferma di aver letto il provvedimento da firmare').optional(),
  })
  .superRefine((value, ctx) => {
    if (value.esito === 'RINVIA' && !value.nota) ctx.addIssue({ code: 'custom', path: ['nota'], message: 'indica perché rinvii all’istruttoria' });
  });

export const TrasmissioneFlussoDecision = z
  .object({
    azione: z.enum(['CONFERMA', 'CONSISTENZA_NULLA', 'NESSUNA_VARIAZIONE'], {
      error: 'scegli se confermare il flusso caricato, dichiarare la consistenza nulla o nessuna variazione',
    }),
    uploadId: z.string().uuid('indica quale caricamento confermare').optional(),
  })
  .superRefine((value, ctx) => {
    if (value.azione === 'CONFERMA' && !value.uploadId) ctx.addIssue({ code: 'custom', path: ['uploadId'], message: 'carica un flusso e indica quale confermare' });
  });

/** The dirigente signs an act they have read (a call, a riparto), or sends it back to the istruttore. */
export const FirmaAttoDecision = FirmaProvvedimentoDecision;

/** The istruttore proposes the riparto the platform computed, for the dirigente's signature. */
export const PropostaRipartoDecision = z.object({
  esito: z.enum(['PROPONI'], { error: 'conferma la proposta di riparto' }),
  nota: z.string().trim().max(2000, 'al massimo 2000 caratteri').optional(),
});

const Domande = z.number({ error: 'indica un numero' }).int('un numero intero').min(0, 'non può essere negativo').max(1_000_000, 'al massimo 1.000.000');
/** Euro as a decimal string ("1234.56"): never a float, at most two decimals. */
const Euro = z.string({ error: 'indica un importo in euro' }).trim().regex(/^\d{1,12}(\.\d{1,2})?$/, 'un importo in euro non negativo, con al massimo due decimali');

/** A band's figures in a Comune's application: applications received, eligible, excluded, total need. */
const FasciaDomanda = z
  .object({ ricevute: Domande, ammissibili: Domande, esclusi: Domande, fabbisogno: Euro })
  .superRefine((value, ctx) => {
    if (value.ammissibili > value.ricevute) ctx.addIssue({ code: 'custom', path: ['ammissibili'], message: 'le domande ammissibili non possono superare quelle ricevute' });
    if (value.ammissibili + value.esclusi > value.ricevute) ctx.addIssue({ code: 'custom', path: ['esclusi'], message: 'ammissibili ed escluse insieme non possono superare le domande ricevute' });
    if (value.ammissibili === 0 && Number(value.fabbisogno) > 0) ctx.addIssue({ code: 'custom', path: ['fabbisogno'], message: 'senza domande ammissibili il fabbisogno è zero' });
  });

/** A Comune's application to a call of the rent-support fund (the call's own thresholds are checked by the procedure). */
export const DomandaFondoDecision = z
  .object({
    fasce: z.object({ A: FasciaDomanda, B: FasciaDomanda }),
    cofinanziamento: Euro,
    attoCofinanziamento: z.string().trim().max(300, 'al massimo 300 caratteri').optional(),
    bandoComunaleDocumentId: z.string({ error: 'allega il bando comunale' }).uuid('allega il bando comunale'),
    graduatoriaDocumentId: z.string({ error: 'allega la graduatoria' }).uuid('allega la graduatoria'),
    /** The list of eligible tenants (Excel), when the Comune sends it. */
    beneficiariDocumentId: z.string().uuid('elenco dei beneficiari non valido').optional(),
  })
  .superRefine((value, ctx) => {
    if (Number(value.cofinanziamento) > 0 && !value.attoCofinanziamento) {
      ctx.addIssue({ code: 'custom', path: ['attoCofinanziamento'], message: 'indica la delibera che impegna il cofinanziamento' });
    }
  });

export const IstruttoriaDomandaFondoDecision = IstruttoriaAccreditamentoDecision;

/** The Comune answers a request for integration; its application's figures, if asked, it corrects first. */
export const IntegrazioneDomandaFondoDecision = z.object({
  risposta: z.string({ error: 'scrivi la risposta alla richiesta di integrazione' }).trim().min(1, 'scrivi la risposta alla richiesta di integrazione').max(4000, 'al massimo 4000 caratteri'),
});

/** The Comune publishes its ranking revised in proportion to the share (when the share is below the need). */
export const GraduatoriaRideterminataDecision = z.object({
  graduatoriaDocumentId: z.string({ error: 'allega la graduatoria rideterminata' }).uuid('allega la graduatoria rideterminata'),
  nota: z.string().trim().max(2000, 'al massimo 2000 caratteri').optional(),
});

/** The Comune reports what it paid from its share (the procedure checks the amounts against the share). */
export const RendicontazioneFondoDecision = z
  .object({
    pagatoA: Euro,
    beneficiariA: Domande,
    pagatoB: Euro,
    beneficiariB: Domande,
    residuo: Euro,
    relazioneDocumentId: z.string({ error: 'allega la relazione di rendicontazione' }).uuid('allega la relazione di rendicontazione'),
    note: z.string().trim().max(2000, 'al massimo 2000 caratteri').optional(),
  })
  .superRefine((value, ctx) => {
    for (const fascia of ['A', 'B'] as const) {
      const pagato = Number(value[`pagato${fascia}`]);
      const beneficiari = value[`beneficiari${fascia}`];
      if (pagato > 0 && beneficiari === 0) ctx.addIssue({ code: 'custom', path: [`beneficiari${fascia}`], message: 'indica a quanti beneficiari è stato pagato l’importo' });
      if (pagato === 0 && beneficiari > 0) ctx.addIssue({ code: 'custom', path: [`pagato${fascia}`], message: 'indica l’importo pagato ai beneficiari' });
    }
  });

/** The Region reviews a rendicontazione: approves it, or asks the Comune to correct it by a deadline. */
export const VerificaRendicontazioneDecision = z
  .object({
    esito: z.enum(['APPROVA', 'INTEGRAZIONE'], { error: 'scegli se approvare la rendicontazione o chiedere di correggerla' }),
    richiesta: z.string().trim().max(4000, 'al massimo 4000 caratteri').optional(),
    giorniIntegrazione: z.number({ error: 'indica entro quanti giorni' }).int('un numero intero di giorni').min(1, 'almeno 1 giorno').max(90, 'al massimo 90 giorni').optional(),
  })
  .superRefine((value, ctx) => {
    if (value.esito === 'INTEGRAZIONE' && !value.richiesta) ctx.addIssue({ code: 'custom', path: ['richiesta'], message: 'descrivi che cosa il Comune deve correggere' });
    if (value.esito === 'INTEGRAZIONE' && value.giorniIntegrazione === undefined) ctx.addIssue({ code: 'custom', path: ['giorniIntegrazione'], message: 'indica entro quanti giorni' });
  });

export const FORMS = {
  'presa-in-carico': PresaInCaricoDecision,
  'istruttoria-accreditamento': IstruttoriaAccreditamentoDecision,
  'integrazione-accreditamento': IntegrazioneAccreditamentoDecision,
  'firma-provvedimento': FirmaProvvedimentoDecision,
  'trasmissione-flusso': TrasmissioneFlussoDecision,
  'firma-atto': FirmaAttoDecision,
  'proposta-riparto': PropostaRipartoDecision,
  'domanda-fondo-affitti': DomandaFondoDecision,
  'istruttoria-domanda-fondo': IstruttoriaDomandaFondoDecision,
  'integrazione-domanda-fondo': IntegrazioneDomandaFondoDecision,
  'graduatoria-rideterminata': GraduatoriaRideterminataDecision,
  'rendicontazione-fondo': RendicontazioneFondoDecision,
  'verifica-rendicontazione-fondo': VerificaRendicontazioneDecision,
} as const;

export type FormKey = keyof typeof FORMS;
export type DecisionOf<K extends FormKey> = z.infer<(typeof FORMS)[K]>;

/**
 * Forms answered at once: the API checks the decision, records it and hands it to the workflow by Signal
 * (workflows/shared/tasks.ts `SubmittedTask`), so hundreds of people submitting in the same minute (the
 * Comuni at a call's deadline) each have their receipt without waiting for their workflow's step.
 */
export const RECEIPT_FIRST_FORMS: ReadonlySet<FormKey> = new Set<FormKey>(['domanda-fondo-affitti']);

/** Field names are shown to people: say them in Italian. */
const FIELD_LABELS: Record<string, string> = {
  esito: 'Esito',
  note: 'Note',
  nota: 'Nota',
  impronta: 'Conferma di lettura',
  motivazione: 'Motivazione',
  richiesta: 'Richiesta di integrazione',
  giorniIntegrazione: 'Giorni per l’integrazione',
  risposta: 'Risposta',
  attoNominaDocumentId: 'Atto di nomina',
  azione: 'Trasmissione',
  uploadId: 'Flusso da confermare',
  ...Object.fromEntries((['A', 'B'] as const).flatMap((fascia) => [
    [`fasce.${fascia}.ricevute`, `Fascia ${fascia} – domande ricevute`],
    [`fasce.${fascia}.ammissibili`, `Fascia ${fascia} – domande ammissibili`],
    [`fasce.${fascia}.esclusi`, `Fascia ${fascia} – domande escluse`],
    [`fasce.${fascia}.fabbisogno`, `Fascia ${fascia} – fabbisogno`],
  ])),
  cofinanziamento: 'Cofinanziamento comunale',
  attoCofinanziamento: 'Delibera di cofinanziamento',
  bandoComunaleDocumentId: 'Bando comunale',
  graduatoriaDocumentId: 'Graduatoria',
  beneficiariDocumentId: 'Elenco dei beneficiari',
  pagatoA: 'Fascia A – importo pagato',
  beneficiariA: 'Fascia A – beneficiari pagati',
  pagatoB: 'Fascia B – importo pagato',
  beneficiariB: 'Fascia B – beneficiari pagati',
  residuo: 'Fondi residui',
  relazioneDocumentId: 'Relazione di rendicontazione',
};

export interface DecisionProblem {
  field: string | null;
  message: string;
}

export function checkDecision<K extends FormKey>(formKey: K, decision: unknown):
  | { ok: true; value: DecisionOf<K> }
  | { ok: false; problem: DecisionProblem } {
  const parsed = FORMS[formKey].safeParse(decision);
  if (parsed.success) return { ok: true, value: parsed.data as DecisionOf<K> };
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length > 0 ? issue.path.join('.') : null;
  const label = field ? (FIELD_LABELS[field] ?? field) : null;
  return { ok: false, problem: { field, message: label ? `${label}: ${issue.message}` : issue.message } };
}
