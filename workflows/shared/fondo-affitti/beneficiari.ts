// The Comune's list of eligible applicants of a call of the Fondo sostegno locazioni: the rules one applicant
// must meet under the bands of DM 7 June 1999 (see bando.ts), and the per-band figures a Comune's application
// carries (eligible applicants, need in euro). Pure — no Node — because the API, the UI's preview and the
// workflow sandbox check a list with the same rules.
//
// Amounts are integer euro cents; every comparison is exact. Products such as a share in millionths times an
// ISEE can exceed 2^53, so they are taken in BigInt.
//
// The income the rent is measured against is the ISEE (to confirm: some calls use the ISE or the taxable
// income, "reddito imponibile"; only `redditoCents` below would change).
import { isValidCodiceFiscalePersona, codiceFiscaleCheckChar, normalizeCodiceFiscale } from '../codice-fiscale';
import { decimalOf, formatEuro, MAX_CENTS } from '../money';
import { FASCE, type Fascia, type FasceParams } from './bando';

/** One eligible applicant as the Comune lists it. Amounts in cents, yearly. */
export interface Beneficiario {
  codiceFiscale: string;
  fascia: Fascia;
  iseeCents: number;
  canoneAnnuoCents: number;
  contributoCents: number;
}

export type CampoBeneficiario = keyof Beneficiario;

/** A rule a row breaks: the field it concerns and what is wrong, in Italian, without the field's name. */
export interface ProblemaBeneficiario {
  campo: CampoBeneficiario;
  messaggio: string;
}

/** How the messages name each field. */
export const ETICHETTE_CAMPI: Readonly<Record<CampoBeneficiario, string>> = {
  codiceFiscale: 'codice fiscale',
  fascia: 'fascia',
  iseeCents: 'ISEE',
  canoneAnnuoCents: 'canone',
  contributoCents: 'contributo',
};

/** What one band of the list adds up to. */
export interface TotaleFascia {
  ammissibili: number;
  fabbisognoCents: number;
}
export type TotaliBeneficiari = Record<Fascia, TotaleFascia>;

const MILLION = 1_000_000n;

/** The rules `row` breaks, each as «campo: messaggio» (an empty list when the row is eligible). */
export function controllaBeneficiario(row: Beneficiario, fasce: FasceParams): string[] {
  return problemiBeneficiario(row, fasce).map((p) => `${ETICHETTE_CAMPI[p.campo]}: ${p.messaggio}`);
}

/** The rules `row` breaks, with the field each concerns: the Excel reader reports them per column. */
export function problemiBeneficiario(row: Beneficiario, fasce: FasceParams): ProblemaBeneficiario[] {
  const problemi: ProblemaBeneficiario[] = [];
  const problema = (campo: CampoBeneficiario, messaggio: string) => problemi.push({ campo, messaggio });

  const cf = normalizeCodiceFiscale(row.codiceFiscale);
  const erroreCf = controllaCodiceFiscale(cf);
  if (erroreCf) problema('codiceFiscale', erroreCf);

  // Rows may come from JSON the types cannot vouch for: without a band or with a broken amount the band's
  // rules cannot be measured, so they are reported alone.
  const fascia = row.fascia as string;
  if (!(FASCE as readonly string[]).includes(fascia)) problema('fascia', `«${fascia}» non è una fascia del bando (A o B)`);
  for (const campo of ['iseeCents', 'canoneAnnuoCents', 'contributoCents'] as const) {
    const value = row[campo];
    if (!Number.isSafeInteger(value) || value < 0 || value > MAX_CENTS) problema(campo, `importo non valido (${value})`);
  }
  if (problemi.some((p) => p.campo !== 'codiceFiscale')) return problemi;

  const band = fasce[row.fascia];
  const quota = milionesimi(band.incidenzaMinima);
  const soglia = `${formatQuota(band.incidenzaMinima)} della fascia ${row.fascia}`;
  const reddito = BigInt(row.iseeCents);
  const canone = BigInt(row.canoneAnnuoCents);
  const contributo = BigInt(row.contributoCents);

  if (row.iseeCents > band.iseeMaxCents) {
    problema('iseeCents', `${euro(row.iseeCents)} supera il limite della fascia ${row.fascia} (${euro(band.iseeMaxCents)})`);
  }

  // canone / reddito > quota, compared as integers. With no income any rent is over any share.
  const incidenzaSuperata = canone * MILLION > quota * reddito;
  if (row.canoneAnnuoCents === 0) {
    problema('canoneAnnuoCents', 'deve essere maggiore di zero');
  } else if (!incidenzaSuperata) {
    const centesimiDiPunto = (canone * 10_000n) / reddito; // rounded down: never shows more than it is
    problema('canoneAnnuoCents', `l'incidenza sul reddito (${percentuale(centesimiDiPunto)}) non supera il ${soglia}`);
  }

  if (row.contributoCents > band.contributoMaxCents) {
    problema('contributoCents', `${euro(row.contributoCents)} supera il massimo della fascia ${row.fascia} (${euro(band.contributoMaxCents)})`);
  }

  const mensilita = ceilDiv(canone, 12n);
  if (contributo < mensilita) {
    problema('contributoCents', `inferiore a una mensilità del canone (${euro(mensilita)})`);
  }

  // The contribution brings the incidence down to the band's share: at most canone − quota × reddito, rounded
  // up to the cent in the tenant's favour. Only measured when the rent is over the share, or it would repeat
  // the canone's problem with a limit of zero or less.
  if (incidenzaSuperata && row.canoneAnnuoCents > 0) {
    const massimo = ceilDiv(canone * MILLION - quota * reddito, MILLION);
    if (contributo > massimo) {
      problema('contributoCents', `supera quanto riporta l'incidenza al ${formatQuota(band.incidenzaMinima)} (${euro(massimo)})`);
    }
  }
  return problemi;
}

/** Eligible applicants and their total contribution per band; give it only the rows that passed the rules. */
export function totaliBeneficiari(rows: readonly Beneficiario[]): TotaliBeneficiari {
  const totali: TotaliBeneficiari = { A: { ammissibili: 0, fabbisognoCents: 0 }, B: { ammissibili: 0, fabbisognoCents: 0 } };
  for (const row of rows) {
    totali[row.fascia].ammissibili += 1;
    totali[row.fascia].fabbisognoCents += row.contributoCents;
  }
  return totali;
}

/** A share of the call as the messages show it: 0.14 → «14 %», 0.145 → «14,5 %». */
export function formatQuota(share: number): string {
  const m = milionesimi(share);
  const decimali = String(m % 10_000n).padStart(4, '0').replace(/0+$/, '');
  return `${m / 10_000n}${decimali ? `,${decimali}` : ''}\u00a0%`;
}

/** What is wrong with a normalised codice fiscale (see normalizeCodiceFiscale), or null when it is a person's. */
export function controllaCodiceFiscale(cf: string): string | null {
  if (cf === '') return 'mancante';
  if (isValidCodiceFiscalePersona(cf)) return null;
  // Tell a typo in the last letter from a code that is not a person's at all: the same code with the right
  // check letter would pass.
  if (/^[A-Z0-9]{16}$/.test(cf) && isValidCodiceFiscalePersona(cf.slice(0, 15) + codiceFiscaleCheckChar(cf.slice(0, 15)))) {
    return 'il carattere di controllo non è valido';
  }
  return `«${cf}» non è il codice fiscale di una persona (16 caratteri)`;
}

/** A share of the call in millionths, exactly; anything else is a mistake in the call's figures. */
function milionesimi(share: number): bigint {
  const m = Math.round(share * 1_000_000);
  if (!Number.isFinite(share) || share < 0 || share > 1 || Math.abs(share * 1_000_000 - m) > 1e-6) {
    throw new RangeError(`incidenza minima non valida (${share}), attesa tra 0 e 1 al milionesimo`);
  }
  return BigInt(m);
}

function ceilDiv(a: bigint, b: bigint): bigint {
  return (a + b - 1n) / b;
}

function euro(cents: number | bigint): string {
  return formatEuro(decimalOf(Number(cents)));
}

/** Hundredths of a percentage point as «10,50 %». */
function percentuale(centesimi: bigint): string {
  return `${centesimi / 100n},${String(centesimi % 100n).padStart(2, '0')}\u00a0%`;
}
