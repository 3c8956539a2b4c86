/** The decision of a presa-in-carico task, and how its data reads. */
import type { ProtocolloRef } from '@/services/types';
import { esitoLabels } from '@shared/outcome-forms';
import { isRecord, readProtocollo, text } from '../read';

export const ESITO = esitoLabels('presa-in-carico');

export interface PresaInCaricoData {
  oggetto: string;
  testo: string;
  mittente: string | undefined;
  protocollo: ProtocolloRef | undefined;
}

/** Reads the task's data as the invio-generico workflow writes it, tolerating what is missing. */
export function readPresaInCaricoData(data: Record<string, unknown>): PresaInCaricoData {
  const mittente = isRecord(data.mittente) ? text(data.mittente.nomeCompleto) : text(data.mittente);
  return {
    oggetto: text(data.oggetto) ?? '',
    testo: text(data.testo) ?? '',
    mittente,
    protocollo: readProtocollo(data.protocollo),
  };
}

export function readEsito(outcome: Record<string, unknown> | null): { esito: string; note: string } | undefined {
  if (!outcome) return undefined;
  const esito = text(outcome.esito);
  return esito ? { esito: ESITO[esito] ?? esito, note: text(outcome.note) ?? '' } : undefined;
}
