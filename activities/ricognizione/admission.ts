// The ricognizione's rules on opening one, checked in the transaction that records it: one campaign per
// reference date, a deadline after the reference date and still ahead, and a scope of enti that transmit
// a stock (every ARCA, ALER and Comune unless the Region names them; never the Region itself).
import type { Prisma } from '../../prisma/generated/client';
import { dataItaliana } from '../../workflows/shared/dates';
import { RequestRefused } from '../refusal';

export interface RicognizioneToOpen {
  /** AAAA-MM-GG: 30/06 or 31/12. */
  dataRiferimento: string;
  /** The last instant of the deadline's day. */
  scadenza: Date;
  /** The enti the Region chose; absent, every ente that transmits a stock. */
  enteIds?: string[];
  /** The Comune capofila of an ambito transmits for its members. */
  perAmbito?: boolean;
}

const invalid = (field: string, message: string) => new RequestRefused('DATI_NON_VALIDI', 'invalid', `${field}: ${message}`, field);

/** The enti a campaign reaches: those the Region chose, or every ente that transmits a stock. */
export const scopeWhere = (enteIds: readonly string[] | undefined): Prisma.EnteWhereInput =>
  enteIds ? { id: { in: [...enteIds] } } : { tipo: { in: ['ARCA', 'ALER', 'COMUNE'] } };

/** The enti in scope, once the campaign may open; refuses with the reason otherwise. */
export async function admitRicognizione(tx: Prisma.TransactionClient, input: RicognizioneToOpen): Promise<string[]> {
  if (input.scadenza.toISOString().slice(0, 10) <= input.dataRiferimento) throw invalid('scadenza', 'la scadenza deve seguire la data di riferimento');
  if (input.scadenza.getTime() <= Date.now()) throw invalid('scadenza', 'la scadenza deve essere futura');
  if (await tx.ricognizione.findUnique({ where: { dataRiferimento: new Date(`${input.dataRiferimento}T00:00:00Z`) } })) {
    throw new RequestRefused('GIA_PRESENTE', 'conflict', `dataRiferimento: una ricognizione al ${dataItaliana(input.dataRiferimento)} è già stata aperta`, 'dataRiferimento');
  }
  const enti = await tx.ente.findMany({ where: scopeWhere(input.enteIds), select: { id: true, tipo: true } });
  if (input.enteIds && enti.length !== new Set(input.enteIds).size) throw invalid('enteIds', 'uno o più enti non esistono');
  if (enti.some((ente) => ente.tipo === 'REGIONE')) throw invalid('enteIds', 'la Regione non trasmette il patrimonio');
  return enti.map((ente) => ente.id);
}
