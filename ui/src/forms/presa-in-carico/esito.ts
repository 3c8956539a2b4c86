/** The decision of a presa-in-carico task, and how its data reads. */
import { esitoLabels } from '@shared/outcome-forms';
import { TASK_DATA } from '@shared/task-data';
import type { z } from 'zod';
import { text } from '../read';

export const ESITO = esitoLabels('presa-in-carico');

export type PresaInCaricoData = Partial<z.output<(typeof TASK_DATA)['presa-in-carico']>>;

/** The task's data through the form's contract (workflows/shared/task-data.ts); what does not fit reads as missing. */
export function readPresaInCaricoData(data: unknown): PresaInCaricoData {
  const parsed = TASK_DATA['presa-in-carico'].partial().safeParse(data);
  return parsed.success ? parsed.data : {};
}

export function readEsito(outcome: Record<string, unknown> | null): { esito: string; note: string } | undefined {
  if (!outcome) return undefined;
  const esito = text(outcome.esito);
  return esito ? { esito: ESITO[esito] ?? esito, note: text(outcome.note) ?? '' } : undefined;
}
