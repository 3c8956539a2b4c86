/** The decision of a presa-in-carico task, and how its data reads. */
export type Esito = 'PRESA_IN_CARICO' | 'NON_DI_COMPETENZA';

export const ESITO: Record<Esito, string> = {
  PRESA_IN_CARICO: 'Presa in carico',
  NON_DI_COMPETENZA: 'Non di competenza',
};

export const NOTE_MAX = 2000;

export interface PresaInCaricoData {
  oggetto: string;
  testo: string;
  mittente: string | undefined;
  protocollo: { numero: number; anno: number; data: string } | undefined;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

/** Reads the task's data as the invio-generico workflow writes it, tolerating what is missing. */
export function readPresaInCaricoData(data: Record<string, unknown>): PresaInCaricoData {
  const protocollo = isRecord(data.protocollo) ? data.protocollo : undefined;
  const mittente = isRecord(data.mittente) ? text(data.mittente.nomeCompleto) : text(data.mittente);
  return {
    oggetto: text(data.oggetto) ?? '',
    testo: text(data.testo) ?? '',
    mittente,
    protocollo:
      protocollo && typeof protocollo.numero === 'number' && typeof protocollo.anno === 'number'
        ? { numero: protocollo.numero, anno: protocollo.anno, data: text(protocollo.data) ?? '' }
        : undefined,
  };
}

export function readEsito(outcome: Record<string, unknown> | null): { esito: string; note: string } | undefined {
  if (!outcome) return undefined;
  const esito = text(outcome.esito);
  return esito ? { esito: ESITO[esito as Esito] ?? esito, note: text(outcome.note) ?? '' } : undefined;
}
