/** How the rent-support fund's tasks read: their data through the form's contract, their outcome once decided. */
import { RendicontazioneFondoDecision } from '@shared/forms';
import { esitoLabels } from '@shared/outcome-forms';
import { TASK_DATA } from '@shared/task-data';
import type { z } from 'zod';
import { text } from '../read';

export type FondoFormKey =
  | 'firma-atto' | 'proposta-riparto' | 'domanda-fondo-affitti' | 'istruttoria-domanda-fondo' | 'integrazione-domanda-fondo'
  | 'graduatoria-rideterminata' | 'rendicontazione-fondo' | 'verifica-rendicontazione-fondo';

export type FondoData<K extends FondoFormKey> = Partial<z.output<(typeof TASK_DATA)[K]>>;

/** The task's data through its contract (workflows/shared/task-data.ts); what does not fit reads as missing. */
export function readData<K extends FondoFormKey>(formKey: K, data: unknown): FondoData<K> {
  const parsed = (TASK_DATA[formKey] as unknown as z.ZodObject).partial().safeParse(data);
  return parsed.success ? (parsed.data as FondoData<K>) : {};
}

/** An esito and the note that goes with it (firma-atto, proposta-riparto). */
export function readEsitoNota(formKey: 'firma-atto' | 'proposta-riparto', outcome: Record<string, unknown> | null) {
  const esito = text(outcome?.esito);
  if (!outcome || !esito) return undefined;
  return { esito: esitoLabels(formKey)[esito] ?? esito, nota: text(outcome.nota) };
}

export const readRisposta = (outcome: Record<string, unknown> | null) => text(outcome?.risposta);

/** A rendicontazione as the Comune sent it (the decision of 'rendicontazione-fondo'). */
export function readRendicontazione(outcome: Record<string, unknown> | null) {
  const parsed = RendicontazioneFondoDecision.safeParse(outcome);
  return parsed.success ? parsed.data : undefined;
}
