// The receipt of something protocolled in (a transmission, an application): a PDF that states the
// registration and the Impronta of every document, filed under the procedure for the ente to keep and to
// receive by PEC. One per procedure: a retry finds the one filed.
import { workflowInfo } from '@temporalio/workflow';
import type { ProducedAct, ProduceActInput } from '../../activities/acts/produce-act';
import type { Registration } from '../../activities/protocol/protocol-register';

export interface ReceiptOf {
  registration: Registration;
  oggetto: string;
  /** The ente that sent it, and the person who did. */
  mittente: string;
  inviatoDa: string;
  documenti: readonly { nome: string; sha256: string }[];
  enteId: string;
}

export async function fileReceipt(acts: { produceAct(input: ProduceActInput): Promise<ProducedAct> }, receipt: ReceiptOf): Promise<ProducedAct> {
  const { workflowId } = workflowInfo();
  const { registration, oggetto } = receipt;
  return acts.produceAct({
    idempotencyKey: `${workflowId}/ricevuta`,
    template: 'ricevuta-protocollo',
    data: {
      protocollo: { numero: registration.number, anno: registration.year, data: registration.registeredAt },
      aoo: registration.aoo,
      registro: registration.register,
      oggetto,
      mittente: { denominazione: receipt.mittente },
      inviatoDa: receipt.inviatoDa,
      documenti: receipt.documenti.map(({ nome, sha256 }) => ({ nome, sha256 })),
    },
    titolo: `Ricevuta – ${oggetto}`,
    tipo: 'RICEVUTA_PROTOCOLLO',
    workflowId,
    enteId: receipt.enteId,
  });
}
