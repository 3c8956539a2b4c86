// Only the enum objects are imported, not the client, so that the local identity provider and tests
// can list the demo users without loading Prisma.
import { Area, Ruolo } from '../generated/enums';
import { ARCA_PUGLIA_CENTRALE, COMUNE_BARI, COMUNE_FOGGIA, COMUNE_LECCE, REGIONE_PUGLIA } from './enti';

export interface DemoRole {
  /** Ente.codice of the ente the role is held for. */
  enteCodice: string;
  ruolo: Ruolo;
  /** Only a REFERENTE works within an area; other roles cover the whole ente. */
  area: Area | null;
}

export interface DemoUser {
  /** Stable handle for tests and the local identity provider's login page. */
  key: string;
  /** Fictitious person, but a syntactically valid codice fiscale with the right check letter. */
  codiceFiscale: string;
  nome: string;
  cognome: string;
  email: string;
  /** What the user stands for, in Italian, shown on the local login page. */
  descrizione: string;
  roles: readonly DemoRole[];
}

/** A REFERENTE holds one role row per area. */
function referente(enteCodice: string, ...areas: Area[]): DemoRole[] {
  return areas.map((area) => ({ enteCodice, ruolo: Ruolo.REFERENTE, area }));
}

/**
 * Demo users for local development and tests. The people are invented; their codici fiscali are
 * built with the real algorithm from the name, a birth date and a Puglia birthplace, so they pass
 * the same validation as real ones. Emails use the reserved `.example` domain (RFC 2606).
 */
export const DEMO_USERS = [
  {
    key: 'regione.istruttore',
    codiceFiscale: 'FRRGLI85C54A662V',
    nome: 'Giulia',
    cognome: 'Ferrante',
    email: 'giulia.ferrante@regione-puglia.example',
    descrizione: 'Istruttore – Regione Puglia, Sezione Politiche Abitative',
    roles: [{ enteCodice: REGIONE_PUGLIA, ruolo: Ruolo.ISTRUTTORE, area: null }],
  },
  {
    key: 'regione.dirigente',
    codiceFiscale: 'DSNNTN68S02E506B',
    nome: 'Antonio',
    cognome: 'De Santis',
    email: 'antonio.desantis@regione-puglia.example',
    descrizione: 'Dirigente – Regione Puglia, Sezione Politiche Abitative',
    roles: [{ enteCodice: REGIONE_PUGLIA, ruolo: Ruolo.DIRIGENTE, area: null }],
  },
  {
    key: 'regione.amministratore',
    codiceFiscale: 'LRSMRC79L21A662J',
    nome: 'Marco',
    cognome: 'Lorusso',
    email: 'marco.lorusso@regione-puglia.example',
    descrizione: 'Amministratore della piattaforma – Regione Puglia',
    roles: [{ enteCodice: REGIONE_PUGLIA, ruolo: Ruolo.AMMINISTRATORE, area: null }],
  },
  {
    key: 'bari.rappresentante',
    codiceFiscale: 'CLLVTI62E09A662G',
    nome: 'Vito',
    cognome: 'Colella',
    email: 'vito.colella@comune-bari.example',
    descrizione: 'Rappresentante legale – Comune di Bari',
    roles: [{ enteCodice: COMUNE_BARI, ruolo: Ruolo.RAPPRESENTANTE_LEGALE, area: null }],
  },
  {
    key: 'bari.referente',
    codiceFiscale: 'LMCNNA88P70A225I',
    nome: 'Anna',
    cognome: 'Lamacchia',
    email: 'anna.lamacchia@comune-bari.example',
    descrizione: 'Referente patrimonio e comunicazioni – Comune di Bari',
    roles: referente(COMUNE_BARI, Area.PATRIMONIO, Area.COMUNICAZIONI),
  },
  {
    key: 'lecce.rappresentante',
    codiceFiscale: 'QRTSVT65A17E506Z',
    nome: 'Salvatore',
    cognome: 'Quarta',
    email: 'salvatore.quarta@comune-lecce.example',
    descrizione: 'Rappresentante legale – Comune di Lecce',
    roles: [{ enteCodice: COMUNE_LECCE, ruolo: Ruolo.RAPPRESENTANTE_LEGALE, area: null }],
  },
  {
    key: 'lecce.referente',
    codiceFiscale: 'MNGCHR90T45D862L',
    nome: 'Chiara',
    cognome: 'Mangia',
    email: 'chiara.mangia@comune-lecce.example',
    descrizione: 'Referente comunicazioni – Comune di Lecce',
    roles: referente(COMUNE_LECCE, Area.COMUNICAZIONI),
  },
  {
    key: 'foggia.referente',
    codiceFiscale: 'CFFMHL83D25D643G',
    nome: 'Michele',
    cognome: 'Ciuffreda',
    email: 'michele.ciuffreda@comune-foggia.example',
    descrizione: 'Referente comunicazioni e fondo affitti – Comune di Foggia',
    roles: referente(COMUNE_FOGGIA, Area.COMUNICAZIONI, Area.FONDO_AFFITTI),
  },
  {
    key: 'arca-centrale.rappresentante',
    codiceFiscale: 'PTRRSO70M51A662J',
    nome: 'Rosa',
    cognome: 'Petruzzelli',
    email: 'rosa.petruzzelli@arca-puglia-centrale.example',
    descrizione: 'Rappresentante legale – ARCA Puglia Centrale',
    roles: [{ enteCodice: ARCA_PUGLIA_CENTRALE, ruolo: Ruolo.RAPPRESENTANTE_LEGALE, area: null }],
  },
  {
    key: 'arca-centrale.referente',
    codiceFiscale: 'CSSNCL86B28F376O',
    nome: 'Nicola',
    cognome: 'Cassano',
    email: 'nicola.cassano@arca-puglia-centrale.example',
    descrizione: 'Referente patrimonio e comunicazioni – ARCA Puglia Centrale',
    roles: referente(ARCA_PUGLIA_CENTRALE, Area.PATRIMONIO, Area.COMUNICAZIONI),
  },
] as const satisfies readonly DemoUser[];

export type DemoUserKey = (typeof DEMO_USERS)[number]['key'];
