import { EnteStato, EnteTipo } from '../generated/enums';
import { loadComuniPuglia } from './comuni-puglia';

/** Ente.codice of the Region's housing department, the body that runs the procedures. */
export const REGIONE_PUGLIA = 'REGIONE-PUGLIA';

/** ISTAT codes of the Comuni that are accredited (ATTIVO) in the demo data. */
export const COMUNE_BARI = '072006';
export const COMUNE_LECCE = '075035';
export const COMUNE_FOGGIA = '071024';
export const DEMO_COMUNI = [COMUNE_BARI, COMUNE_LECCE, COMUNE_FOGGIA] as const;

/**
 * PUSH codes of the five ARCA (Agenzie Regionali per la Casa e l'Abitare, LR 22/2014): the ISTAT
 * province code of their seat followed by zeros. Six digits with no leading zero, so they can never
 * collide with a Comune's ISTAT code (those of Puglia start with 07 or 110).
 */
export const ARCA_CAPITANATA = '710000';
export const ARCA_PUGLIA_CENTRALE = '720000';
export const ARCA_JONICA = '730000';
export const ARCA_NORD_SALENTO = '740000';
export const ARCA_SUD_SALENTO = '750000';
export const ARCA_CODES = [
  ARCA_CAPITANATA, ARCA_PUGLIA_CENTRALE, ARCA_JONICA, ARCA_NORD_SALENTO, ARCA_SUD_SALENTO,
] as const;
export type ArcaCodice = (typeof ARCA_CODES)[number];

/** The reference data of one ente, as the seed wants it. */
export interface EnteSeed {
  codice: string;
  tipo: EnteTipo;
  denominazione: string;
  /** Set only where the seed knows it; the IPA import fills the Comuni's. */
  codiceFiscale: string | null;
  istatComune: string | null;
  provincia: string | null;
  siglaProvincia: string | null;
  codiceCatastale: string | null;
  /** Applied only when the ente is created: accreditation is the platform's to change afterwards. */
  stato: EnteStato;
  /** Resident population (Comuni): ISTAT's, kept up to date by the seed. */
  abitanti: number | null;
  /** Comune ad alta tensione abitativa: applied only when created; the Region's administrator edits it. */
  ata: boolean;
}

/**
 * The provincial capitals, the ATA Comuni until the Region's administrator says otherwise: Bari, Foggia,
 * Taranto, Brindisi, Lecce, and Andria, Barletta and Trani for Barletta-Andria-Trani. (To confirm: the
 * CIPE list of ATA Comuni includes others, which the administrator adds.)
 */
export const CAPOLUOGHI_ATA = ['072006', '071024', '073027', '074001', '075035', '110001', '110002', '110009'] as const;

const REGIONE: EnteSeed = {
  codice: REGIONE_PUGLIA,
  tipo: EnteTipo.REGIONE,
  denominazione: 'Regione Puglia – Sezione Politiche Abitative',
  codiceFiscale: '80017210727',
  istatComune: null,
  provincia: 'Bari',
  siglaProvincia: 'BA',
  codiceCatastale: null,
  stato: EnteStato.ATTIVO,
  abitanti: null,
  ata: false,
};

const ARCA: readonly (readonly [ArcaCodice, string, string, string])[] = [
  [ARCA_CAPITANATA, 'ARCA Capitanata', 'Foggia', 'FG'],
  [ARCA_PUGLIA_CENTRALE, 'ARCA Puglia Centrale', 'Bari', 'BA'],
  [ARCA_JONICA, 'ARCA Jonica', 'Taranto', 'TA'],
  [ARCA_NORD_SALENTO, 'ARCA Nord Salento', 'Brindisi', 'BR'],
  [ARCA_SUD_SALENTO, 'ARCA Sud Salento', 'Lecce', 'LE'],
];

/** ARCA Puglia Centrale is the one accredited in the demo data. */
function arcaSeeds(): EnteSeed[] {
  return ARCA.map(([codice, denominazione, provincia, siglaProvincia]) => ({
    codice,
    tipo: EnteTipo.ARCA,
    denominazione,
    codiceFiscale: null,
    istatComune: null,
    provincia,
    siglaProvincia,
    codiceCatastale: null,
    stato: codice === ARCA_PUGLIA_CENTRALE ? EnteStato.ATTIVO : EnteStato.NON_ACCREDITATO,
    abitanti: null,
    ata: false,
  }));
}

function comuneSeeds(): EnteSeed[] {
  const demo: readonly string[] = DEMO_COMUNI;
  const ata: readonly string[] = CAPOLUOGHI_ATA;
  return loadComuniPuglia().map((comune) => ({
    codice: comune.istat,
    tipo: EnteTipo.COMUNE,
    denominazione: `Comune di ${comune.nome}`,
    codiceFiscale: null,
    istatComune: comune.istat,
    provincia: comune.provincia,
    siglaProvincia: comune.siglaProvincia,
    codiceCatastale: comune.codiceCatastale,
    stato: demo.includes(comune.istat) ? EnteStato.ATTIVO : EnteStato.NON_ACCREDITATO,
    abitanti: comune.popolazione,
    ata: ata.includes(comune.istat),
  }));
}

/** Every ente of the reference data: the Region, the five ARCA and all the Comuni of Puglia. */
export function enteSeeds(): EnteSeed[] {
  return [REGIONE, ...arcaSeeds(), ...comuneSeeds()];
}
