/** The decision of a trasmissione-flusso task, and how its data reads. */
import type { Caricamento } from '@/services/flussi';
import { formatDate } from '@/utils/format';
import { text } from '../read';

export type Azione = 'CONFERMA' | 'CONSISTENZA_NULLA' | 'NESSUNA_VARIAZIONE';

export const AZIONE: Record<Azione, string> = {
  CONFERMA: 'Conferma il flusso caricato o inserito a mano',
  CONSISTENZA_NULLA: 'Dichiaro la consistenza nulla',
  NESSUNA_VARIAZIONE: 'Nessuna variazione dall’ultima trasmissione',
};

export interface TrasmissioneFlussoData {
  dataRiferimento: string | undefined;
  ente: string | undefined;
}

/** Reads the task's data as the invio-flussi workflow writes it, tolerating what is missing. */
export const readTrasmissioneData = (data: Record<string, unknown>): TrasmissioneFlussoData => ({
  dataRiferimento: text(data.dataRiferimento),
  ente: text(data.ente),
});

const numero = new Intl.NumberFormat('it-IT');

/** "Caricamento n. 2 del 14/07/2026 – 70.000 unità", "… – inserimento manuale, 12 unità" */
export const caricamentoLabel = (caricamento: Caricamento) =>
  `Caricamento n. ${caricamento.tentativo} del ${formatDate(caricamento.createdAt)} – ${caricamento.manuale ? 'inserimento manuale, ' : ''}${numero.format(caricamento.unitsCount)} unità`;

export function readOutcome(outcome: Record<string, unknown> | null) {
  const azione = text(outcome?.azione);
  if (!outcome || !azione) return undefined;
  return { azione: AZIONE[azione as Azione] ?? azione, uploadId: text(outcome.uploadId) };
}
