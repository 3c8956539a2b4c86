// The ricognizioni's answers (types only; see api/views.ts).

export type RicognizioneStato = 'APERTA' | 'CHIUSA';
export type EsitoRicognizione = 'IN_ATTESA' | 'TRASMESSO' | 'CONSISTENZA_NULLA' | 'NESSUNA_VARIAZIONE';

export interface Totali {
  enti: number;
  perEsito: Record<EsitoRicognizione, number>;
  inRitardo: number;
  /** Units in patrimony at the reference date over the enti that transmitted: housing agencies (ARCA, ALER) and Comuni. */
  unita: { agenzie: number; comuni: number };
}

export interface RicognizioneSintesi {
  id: string;
  dataRiferimento: string;
  scadenza: string;
  stato: RicognizioneStato;
  enti: number;
  totali: Totali;
}

export interface Ricognizione extends Omit<RicognizioneSintesi, 'enti'> {
  workflowId: string;
  sollecitiGiorni: number[];
  /** The Comune capofila of an ambito transmits for its members. */
  perAmbito: boolean;
  createdAt: string;
  chiusaAt: string | null;
}

export interface EnteRicognizione {
  enteId: string;
  denominazione: string;
  /** Never the Region: it does not transmit a stock. */
  tipo: 'ARCA' | 'ALER' | 'COMUNE' | 'ALTRO';
  accreditato: boolean;
  pec: string | null;
  esito: EsitoRicognizione;
  trasmessoAt: string | null;
  inRitardo: boolean;
  solleciti: number;
  /** Units still in the ente's patrimony at the reference date (sold and demolished left out). */
  unita: number | null;
  /** The ente's Invio flussi procedure. */
  trasmissione: string;
}

/** What a campaign would reach, before it is opened. */
export interface PortataRicognizione {
  enti: number;
  /** Enti with no PEC address: neither the opening notice nor the reminders reach them. */
  senzaPec: number;
  /** The first few of them, by name. */
  esempiSenzaPec: string[];
}
