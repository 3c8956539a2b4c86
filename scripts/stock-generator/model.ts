/**
 * A flusso patrimoniale in memory, field for field as docs/flusso/flusso-patrimoniale.xsd describes it
 * (Italian names, so code and documentation read alike). Dates are ISO strings (AAAA-MM-GG), as in the
 * XML; amounts and surfaces are numbers already rounded to what the XML may carry.
 */
import { StatoUnita, UsoUnita } from '../../prisma/generated/enums';

export { StatoUnita, UsoUnita };

export const STATI_CONSERVAZIONE = ['BUONO', 'MEDIOCRE', 'SCADENTE'] as const;
export type StatoConservazione = (typeof STATI_CONSERVAZIONE)[number];

export interface Catasto {
  foglio: string;
  particella: string;
  subalterno: string;
  /** A/3, C/6, … */
  categoria: string;
}

export interface Fabbricato {
  codice: string;
  indirizzo: string;
  comuneIstat: string;
  latitudine?: number;
  longitudine?: number;
  annoCostruzione?: number;
  piani?: number;
  statoConservazione?: StatoConservazione;
}

export interface Unita {
  /** Owner code + unit id, e.g. 072006-3122. */
  codice: string;
  /** Code of the building that holds it. */
  fabbricato: string;
  catasto: Catasto;
  /** Square metres, at most 2 decimals. */
  superficie: number;
  /** Cadastral rooms, half rooms allowed; absent for non-residential categories. */
  vani?: number;
  uso: UsoUnita;
  stato: StatoUnita;
  /** Set for ALIENATO units. */
  dataVendita?: string;
  /** Euro per month, set for LOCATO units. */
  canoneMensile?: number;
}

export interface FlussoPatrimoniale {
  ente: { codice: string; codiceFiscale?: string };
  /** 30/06 or 31/12, AAAA-MM-GG. */
  dataRiferimento: string;
  /** AAAA-MM-GGThh:mm:ss */
  dataProduzione: string;
  fabbricati: Fabbricato[];
  unita: Unita[];
}

/** The XML namespace of version 1 of the format. */
export const FLUSSO_NAMESPACE = 'urn:push:flusso-patrimoniale:1';
export const FLUSSO_VERSIONE = '1.0';
