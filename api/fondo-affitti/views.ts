// The rent-support fund's answers (types only; see api/views.ts). Amounts are decimal strings ("1234.50"),
// dates ISO strings.
import type { Fascia, TipoBando } from '../../workflows/shared/fondo-affitti/bando';
import type { ParametriBando } from '../../workflows/shared/fondo-affitti/procedura';

export type BandoStato = 'BOZZA' | 'IN_FIRMA' | 'APERTO' | 'ISTRUTTORIA' | 'RIPARTO' | 'RIPARTITO' | 'CONCLUSO';
export type DomandaStato =
  | 'DA_PRESENTARE' | 'PRESENTATA' | 'INTEGRAZIONE_RICHIESTA' | 'AMMESSA' | 'ESCLUSA' | 'DECADUTA' | 'NON_PRESENTATA'
  | 'QUOTA_ASSEGNATA' | 'LIQUIDATA' | 'RENDICONTAZIONE_IN_VERIFICA' | 'RENDICONTAZIONE_INTEGRAZIONE' | 'RENDICONTATA' | 'RENDICONTAZIONE_MANCATA';

export interface FonteView {
  riferimento: string;
  importo: string;
  quota: 'ORDINARIA' | 'PREMIALE';
}

export interface BandoSintesi {
  id: string;
  tipo: TipoBando;
  anno: number;
  titolo: string;
  apertura: string;
  scadenza: string;
  stato: BandoStato;
  /** Quota ordinaria + premiale. */
  dotazione: string;
  /** For a Comune: its own application's id and state (null for the Region's people). */
  domanda: { id: string; stato: DomandaStato } | null;
}

export interface BandoView extends BandoSintesi {
  workflowId: string;
  fonti: FonteView[];
  parametri: ParametriBando;
  sollecitiGiorni: number[];
  notaRinvio: string | null;
  atto: { documentId: string; protocollo: string } | null;
  riparto: { documentId: string; protocollo: string } | null;
  /** What the person may do now. */
  puoModificare: boolean;
  puoInviareAllaFirma: boolean;
  puoProrogare: boolean;
}

export interface FasciaDomandaView {
  ricevute: number | null;
  ammissibili: number | null;
  esclusi: number | null;
  fabbisogno: string | null;
}

export interface DomandaView {
  id: string;
  bandoId: string;
  titoloBando: string;
  apertura: string;
  scadenza: string;
  enteId: string;
  ente: string;
  workflowId: string;
  stato: DomandaStato;
  fasce: Record<Fascia, FasciaDomandaView>;
  cofinanziamento: string | null;
  attoCofinanziamento: string | null;
  bandoComunale: { documentId: string; nome: string } | null;
  graduatoria: { documentId: string; nome: string } | null;
  /** The list of eligible tenants (Excel), when the Comune uploaded one: its file and how many rows. */
  beneficiari: { documentId: string; nome: string; righe: number } | null;
  presentataAt: string | null;
  protocollo: string | null;
  motivazione: string | null;
  integrazioneRichiesta: string | null;
  integrazioneScadenza: string | null;
  /** After the riparto. */
  quota: { ordinaria: string; premiale: string; penalita: string; redistribuzione: string; totale: string } | null;
  /** The ranking revised in proportion to the share, once published. */
  graduatoriaRideterminata: { documentId: string; nome: string } | null;
  /** The act that paid the share (dataAtto YYYY-MM-DD). */
  liquidazione: { numeroAtto: string; dataAtto: string; importo: string } | null;
  /** Due from the liquidation; the figures once the Comune has reported. */
  rendicontazione: RendicontazioneView | null;
  /** The Comune's referenti may change the draft: before the deadline, not yet submitted. */
  puoModificare: boolean;
}

export interface RendicontazioneView {
  scadenza: string | null;
  rendicontataAt: string | null;
  fasce: Record<Fascia, { pagato: string | null; beneficiari: number | null }>;
  residuo: string | null;
  relazione: { documentId: string; nome: string } | null;
}

/** A row of the riparto's preview: one admitted Comune. */
export interface RipartoRiga {
  enteId: string;
  ente: string;
  provincia: string | null;
  ata: boolean;
  fabbisogno: string;
  cofinanziamento: string;
  /** Morosità incolpevole: what the Comune spent and reported on earlier calls (the key of its second quota). */
  spesaRendicontata: string;
  premiale: boolean;
  penalizzato: boolean;
  ordinaria: string;
  quotaPremiale: string;
  penalita: string;
  redistribuzione: string;
  totale: string;
  /** totale ÷ fabbisogno, 0.7543; null with no need. */
  copertura: number | null;
}

export interface RipartoView {
  /** Which kind of call: it names the columns (VOCI_RIPARTO). */
  tipo: TipoBando;
  budget: string;
  fabbisogno: string;
  assegnato: string;
  nonAssegnato: string;
  righe: RipartoRiga[];
}

/** The answer to an uploaded list of tenants: the rows kept and the per-band figures they filled in. */
export interface BeneficiariCaricati {
  righe: number;
  totali: Record<Fascia, { ammissibili: number; fabbisogno: string }>;
  documento: { documentId: string; nome: string };
}
