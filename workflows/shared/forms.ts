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

export const FORMS = {
  'presa-in-carico': PresaInCaricoDecision,
} as const;

export type FormKey = keyof typeof FORMS;
export type DecisionOf<K extends FormKey> = z.infer<(typeof FORMS)[K]>;

/** Field names are shown to people: say them in Italian. */
const FIELD_LABELS: Record<string, string> = { esito: 'Esito', note: 'Note' };

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
