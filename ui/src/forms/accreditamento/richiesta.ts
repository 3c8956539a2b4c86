/** The request an accreditamento task is about, as the workflow writes it in every task's data. */
import type { Rappresentante } from '@/services/accreditamenti';
import type { ProtocolloRef } from '@/services/types';
import { isRecord, readProtocollo, text } from '../read';

export interface RichiestaAccreditamentoData {
  requestId: string | undefined;
  denominazione: string;
  codiceFiscale: string;
  pec: string;
  sede: string;
  rappresentante: Rappresentante | undefined;
  protocollo: ProtocolloRef | undefined;
  /** What the Region asked to integrate (integrazione-accreditamento). */
  richiesta: string | undefined;
  /** Who reviewed the request (firma-provvedimento). */
  istruttore: string | undefined;
}

function readRappresentante(value: unknown): Rappresentante | undefined {
  if (!isRecord(value)) return undefined;
  return {
    nome: text(value.nome) ?? '',
    cognome: text(value.cognome) ?? '',
    codiceFiscale: text(value.codiceFiscale) ?? '',
    qualifica: text(value.qualifica) ?? '',
  };
}

export function readRichiesta(data: Record<string, unknown>): RichiestaAccreditamentoData {
  return {
    requestId: text(data.requestId),
    denominazione: text(data.denominazione) ?? '',
    codiceFiscale: text(data.codiceFiscale) ?? '',
    pec: text(data.pec) ?? '',
    sede: text(data.sede) ?? '',
    rappresentante: readRappresentante(data.rappresentante),
    protocollo: readProtocollo(data.protocollo),
    richiesta: text(data.richiesta),
    istruttore: text(data.istruttore),
  };
}
