// How receipts move a PEC: inviato → accettato → consegnato, or errore. Receipts can arrive out of order
// (a consegna before its accettazione, an IMAP poll reading them in any order), so a receipt only ever
// moves a PEC forward, and consegnato and errore are final.
import type { Daticert } from './daticert';
import type { PecStato, ReceiptTipo } from './pec';

export type ReceiptTimestamp = 'acceptedAt' | 'deliveredAt' | 'failedAt';

export const RECEIPT_EFFECT: Record<ReceiptTipo, { stato: PecStato; timestamp: ReceiptTimestamp } | null> = {
  accettazione: { stato: 'ACCETTATO', timestamp: 'acceptedAt' },
  'avvenuta-consegna': { stato: 'CONSEGNATO', timestamp: 'deliveredAt' },
  'non-accettazione': { stato: 'ERRORE', timestamp: 'failedAt' },
  'errore-consegna': { stato: 'ERRORE', timestamp: 'failedAt' },
  // The warning sent after 12 hours without a consegna: the message may still be delivered, and the
  // errore-consegna that follows at 24 hours is what ends it. Recorded, but it moves nothing.
  'preavviso-errore-consegna': null,
};

const RANK: Record<PecStato, number> = { INVIATO: 0, ACCETTATO: 1, CONSEGNATO: 2, ERRORE: 2 };

/** The states a PEC may leave for `target`: only earlier ones. */
export function statesBefore(target: PecStato): PecStato[] {
  return (Object.keys(RANK) as PecStato[]).filter((stato) => RANK[stato] < RANK[target]);
}

const FAILURE_LABEL: Partial<Record<ReceiptTipo, string>> = {
  'non-accettazione': 'Non accettazione',
  'errore-consegna': 'Mancata consegna',
};

/** The reason shown for a PEC in ERRORE, from the error receipt. */
export function describeFailure(daticert: Daticert): string {
  const label = FAILURE_LABEL[daticert.tipo] ?? daticert.tipo;
  const recipient = daticert.consegna ? ` a ${daticert.consegna}` : '';
  const detail = daticert.erroreEsteso ? `: ${daticert.erroreEsteso}` : '';
  return `${label}${recipient} (${daticert.errore})${detail}`;
}
