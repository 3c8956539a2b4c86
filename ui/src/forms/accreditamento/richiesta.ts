/** The request an accreditamento task is about, as the workflow writes it in every task's data. */
import { RichiestaAccreditamentoData } from '@shared/task-data';
import { z } from 'zod';

/** Every accreditamento form's data: the request, and what a step adds (the integration asked, who reviewed). */
const Richiesta = RichiestaAccreditamentoData.extend({ richiesta: z.string(), istruttore: z.string() }).partial();

export type RichiestaData = z.output<typeof Richiesta>;

/** The task's data through the forms' contract (workflows/shared/task-data.ts); what does not fit reads as missing. */
export function readRichiesta(data: unknown): RichiestaData {
  const parsed = Richiesta.safeParse(data);
  return parsed.success ? parsed.data : {};
}
