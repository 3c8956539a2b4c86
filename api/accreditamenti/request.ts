import { z } from 'zod';
import { isValidPartitaIva } from '../../workflows/shared/codice-fiscale';
import { text } from '../validation';

/** What the legal representative declares. Field names are the form's, messages name what is wrong. */
export const ZAccreditamentoRequest = z.object({
  tipo: z.enum(['COMUNE', 'ARCA', 'ALER', 'ALTRO'], { error: 'scegli il tipo di ente' }),
  denominazione: text('la denominazione è obbligatoria').trim().min(3, 'la denominazione è obbligatoria').max(200, 'al massimo 200 caratteri'),
  codiceFiscale: z
    .string({ error: 'il codice fiscale dell’ente è obbligatorio' })
    .trim()
    .refine(isValidPartitaIva, 'codice fiscale o partita IVA non valido: servono 11 cifre con la cifra di controllo corretta'),
  istatComune: z.string().trim().regex(/^\d{6}$/, 'il codice ISTAT ha 6 cifre').optional(),
  provincia: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, 'indica la sigla della provincia (es. BA)').optional(),
  pec: text('la PEC è obbligatoria').trim().toLowerCase().email('indirizzo PEC non valido').max(200, 'al massimo 200 caratteri'),
  sede: text('la sede è obbligatoria').trim().min(5, 'indica l’indirizzo della sede').max(300, 'al massimo 300 caratteri'),
  qualifica: text('indica la tua qualifica (es. Sindaco, Presidente)').trim().min(2, 'indica la tua qualifica (es. Sindaco, Presidente)').max(100, 'al massimo 100 caratteri'),
}).superRefine((value, ctx) => {
  if (value.tipo === 'COMUNE' && !value.istatComune) ctx.addIssue({ code: 'custom', path: ['istatComune'], message: 'per un Comune il codice ISTAT è obbligatorio' });
  if (value.tipo === 'COMUNE' && !value.provincia) ctx.addIssue({ code: 'custom', path: ['provincia'], message: 'per un Comune la provincia è obbligatoria' });
});

export type AccreditamentoRequest = z.infer<typeof ZAccreditamentoRequest>;

/** The act naming the representative: a PDF, within the limits. */
export const ATTO_NOMINA_LIMITS = { maxBytes: 10 * 1024 * 1024 };
