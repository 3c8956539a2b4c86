// The enti's answers: the list, the referenti of an ente, the Comuni of the reference data (types only;
// see api/views.ts).
import type { Area } from '../../workflows/shared/actor';

export type EnteTipo = 'REGIONE' | 'COMUNE' | 'ARCA' | 'ALER' | 'ALTRO';
export type EnteStato = 'ATTIVO' | 'NON_ACCREDITATO' | 'SOSPESO';

export interface Ente {
  id: string;
  codice: string;
  denominazione: string;
  tipo: EnteTipo;
  stato: EnteStato;
}

/** One nomination of a person as the ente's referente for one area; revoked ones stay as history. */
export interface Referente {
  id: string;
  area: Area;
  attiva: boolean;
  nominataIl: string;
  revocataIl: string | null;
  utente: { id: string; codiceFiscale: string; nome: string; cognome: string; email: string | null; nomeCompleto: string };
}

/** One of the Comuni of the Region, from the reference data. */
export interface Comune {
  istat: string;
  nome: string;
  provincia: string;
  siglaProvincia: string;
}
