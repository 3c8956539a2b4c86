// A task's history in words: who took it or was given it, why it went back to its group, the new due date,
// the outcome chosen — never an id or a field name (the raw details stay in the answer for engineers).
import type { Prisma } from '../../prisma/generated/client';
import { outcomeFormOf } from '../../workflows/shared/outcome-forms';
import { PRESA_AL_COMPLETAMENTO, RUOLO_REVOCATO } from '../../workflows/shared/tasks';
import { formatDateTimeInRome } from '../days-in-rome';

const MOTIVI: Readonly<Record<string, string>> = {
  [RUOLO_REVOCATO]: 'Perché il ruolo di chi l’aveva in carico è stato revocato',
  [PRESA_AL_COMPLETAMENTO]: 'Al completamento: nessuno l’aveva presa in carico prima',
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The ids of the people a history names (assignees), to be read with the actors' names in one query. */
export function peopleNamedIn(details: Prisma.JsonValue): string[] {
  return isRecord(details) && typeof details.assigneeId === 'string' ? [details.assigneeId] : [];
}

export function describeTaskEvent(
  event: { tipo: string; details: Prisma.JsonValue },
  formKey: string,
  names: ReadonlyMap<string, string>,
): string {
  const details = isRecord(event.details) ? event.details : {};
  const parts: string[] = [];
  if (event.tipo === 'RIASSEGNATA' && typeof details.assigneeId === 'string') parts.push(`A ${names.get(details.assigneeId) ?? 'un collega'}`);
  if (typeof details.motivo === 'string') parts.push(MOTIVI[details.motivo] ?? `Perché ${details.motivo}`);
  if (event.tipo === 'SCADENZA_MODIFICATA') {
    parts.push(typeof details.dueAt === 'string' ? `Nuova scadenza: ${formatDateTimeInRome(new Date(details.dueAt))}` : 'Scadenza tolta');
  }
  if (event.tipo === 'COMPLETATA' && typeof details.esito === 'string') {
    const esito = outcomeFormOf(formKey)?.esiti?.[details.esito]?.label;
    if (esito) parts.push(`Esito: ${esito}`);
  }
  return parts.join(' · ');
}
