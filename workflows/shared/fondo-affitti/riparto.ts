/**
 * Riparto of the Fondo sostegno locazioni (L. 431/1998 art. 11): how the Region's yearly fund is split among
 * the Comuni that applied. Pure and deterministic: the workflow computes it in its sandbox, the API and the
 * UI's preview compute the same table from the same figures (no Node, Temporal or Prisma here).
 *
 * Amounts are **integer euro cents** in and out (1.234,56 € is 123456). Sums and proportions are exact: the
 * products of amounts exceed 2^53, so they are taken in BigInt, and cents are assigned by the largest-remainder
 * method, so every quota adds up exactly to what it hands out. Shares (20 %, 10 %) are read to the millionth.
 *
 * The steps, in this order (each one says why it comes where it does):
 *
 * 1. **Quota ordinaria**, in proportion to each Comune's admitted need, nobody above its need. It comes first
 *    because the premium's threshold is measured on it.
 * 2. **Eligibility for the premium**: co-funding > 0 and at least `cofinanziamentoMinimo` × the quota ordinaria
 *    of step 1, to the cent as the table shows it. Measured before any redistribution, so money moving later
 *    (the premium, the ATA penalty) cannot make a Comune gain or lose eligibility.
 * 3. **Quota premiale** among the eligible Comuni, in proportion to their co-funding, each up to the need the
 *    quota ordinaria left uncovered.
 * 4. **ATA penalty**: an ATA Comune with no co-funding loses `penalitaAta` of what steps 1–3 gave it (the
 *    premium is always 0 for it, since it does not co-fund), rounded down to the cent — never more than the
 *    share. It comes after both quotas because it is a share of "their allocation".
 * 5. **Redistribution** of what the Comuni of steps 1–4 could not keep or take: the penalties withheld, the
 *    premium that no eligible Comune could take because each is at its need (all of it, when nobody is
 *    eligible), and the quota ordinaria above the total need. It goes to the Comuni not penalised, in
 *    proportion to their need — the key of the quota ordinaria, which the penalty was taken from — each up to
 *    its need still uncovered. A penalised Comune takes no part, or its penalty would come back to it.
 * 6. **Last resort**: what is still left once every Comune not penalised is at its full need goes to the
 *    penalised Comuni, by need, up to their need. The penalty has done its work (the others come first and
 *    are fully covered); keeping the money back would leave need uncovered with the fund unspent.
 *
 * So the shares add up exactly to the budget whenever the total need is at least the budget; only a fund
 * larger than the total need leaves something to nobody (`nonAssegnatoCents`, every Comune at its need).
 *
 * Within each step, "nobody above their need, the excess going back to the others in proportion, repeated
 * until stable" is done literally (`ripartisci`): each round caps the Comuni whose proportional share reaches
 * their room and shares the rest among the others; at least one Comune is capped per round, so there are at
 * most as many rounds as Comuni.
 *
 * Input order does not matter: the Comuni are sorted by `enteId` (code-unit order, not locale order, so a
 * browser and the worker agree) and the largest-remainder ties go to the smaller `enteId`.
 *
 * **Morosità incolpevole** (`premioPer: 'SPESA_RENDICONTATA'`) runs the same steps with another key for the
 * second quota: 90 % of the fund as the quota ordinaria, by need; 10 % by what each Comune spent and reported
 * on earlier calls of the kind (every Comune with need and some spending shares it, no minimum); no ATA
 * penalty (the call passes 0). What the second quota cannot place goes by need, as in step 5.
 *
 * To confirm with the Region: the premium no eligible Comune can take goes to the
 * others by need (step 5) rather than back to the Region; step 6 gives a penalty back only when every other
 * Comune is fully covered; only an ATA Comune with no co-funding at all is penalised (a co-funding below the
 * 20 % misses the premium only); the penalty is rounded down to the cent.
 */
import { MAX_CENTS } from '../money';

/** The figures of the call (bando). Amounts in integer euro cents. */
export interface RipartoParams {
  /** Quota ordinaria to split by need, in cents. */
  quotaOrdinariaCents: number;
  /** Quota premiale to split by co-funding among the eligible Comuni, in cents. */
  quotaPremialeCents: number;
  /** Minimum co-funding for the premium, as a share of the Comune's quota ordinaria: 0.2 is 20 %. */
  cofinanziamentoMinimo: number;
  /** Share of its allocation an ATA Comune with no co-funding loses: 0.1 is 10 %. */
  penalitaAta: number;
  /** What the second quota rewards: co-funding (Fondo affitti, the default) or spending reported on earlier calls (Morosità incolpevole). */
  premioPer?: 'COFINANZIAMENTO' | 'SPESA_RENDICONTATA';
}

/** The shares DOMAIN.md gives for Puglia; a call may set others. */
export const RIPARTO_DEFAULTS: Readonly<Pick<RipartoParams, 'cofinanziamentoMinimo' | 'penalitaAta'>> = {
  cofinanziamentoMinimo: 0.2,
  penalitaAta: 0.1,
};

/** A Comune's admitted application, as the istruttoria left it. Amounts in integer euro cents. */
export interface DomandaComune {
  enteId: string;
  /** Admitted need (fabbisogno), bands A and B together, in cents. */
  fabbisognoCents: number;
  /** Municipal co-funding, in cents. */
  cofinanziamentoCents: number;
  /** Comune ad alta tensione abitativa, from the reference data. */
  ata: boolean;
  /** What the Comune spent and reported on earlier calls of the kind, in cents (Morosità incolpevole). */
  spesaRendicontataCents?: number;
}

/** One row of the riparto table. `totaleCents = ordinaria + premiale − penalita + redistribuzione`. */
export interface QuotaComune {
  enteId: string;
  fabbisognoCents: number;
  cofinanziamentoCents: number;
  spesaRendicontataCents: number;
  ata: boolean;
  /** Need and co-funding > 0, co-funding ≥ the minimum share of `ordinariaCents` (or, by spending, need and spending > 0): it shares the second quota. */
  premiale: boolean;
  /** ATA with need and no co-funding: the Comune loses `penalitaAta` of its allocation. */
  penalizzato: boolean;
  ordinariaCents: number;
  premialeCents: number;
  /** What the penalty withheld (≥ 0, subtracted from the total). */
  penalitaCents: number;
  /** Its part of the penalties, premium and quota that others could not take (steps 5 and 6). */
  redistribuzioneCents: number;
  totaleCents: number;
  /** totale ÷ fabbisogno to four decimals (0.7543: 24.57 % of the need uncovered); null with no need. */
  copertura: number | null;
}

export interface TotaliRiparto {
  fabbisognoCents: number;
  cofinanziamentoCents: number;
  ordinariaCents: number;
  premialeCents: number;
  penalitaCents: number;
  redistribuzioneCents: number;
  totaleCents: number;
}

export interface RipartoResult {
  /** One row per Comune, sorted by enteId. */
  quote: QuotaComune[];
  totali: TotaliRiparto;
  /** quota ordinaria + quota premiale. */
  budgetCents: number;
  /** Sum of the totals: the budget, or the total need when the budget is larger. */
  assegnatoCents: number;
  /** budget − assegnato: what no Comune could receive without going above its need (every one is at it). */
  nonAssegnatoCents: number;
}

const MILLION = 1_000_000n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Splits the Region's fund among the Comuni (see the steps above). Throws a RangeError, naming the field,
 * on amounts that are not whole non-negative cents, shares outside 0–1 or finer than a millionth, and an
 * enteId given twice.
 */
export function calcolaRiparto(domande: readonly DomandaComune[], params: RipartoParams): RipartoResult {
  const quotaOrdinaria = centsOf(params.quotaOrdinariaCents, 'quotaOrdinariaCents');
  const quotaPremiale = centsOf(params.quotaPremialeCents, 'quotaPremialeCents');
  const minimo = millionthsOf(params.cofinanziamentoMinimo, 'cofinanziamentoMinimo');
  const penalita = millionthsOf(params.penalitaAta, 'penalitaAta');
  const comuni = sortedDomande(domande);
  const fabbisogno = comuni.map((c) => centsOf(c.fabbisognoCents, `fabbisognoCents di ${c.enteId}`));
  const cofinanziamento = comuni.map((c) => centsOf(c.cofinanziamentoCents, `cofinanziamentoCents di ${c.enteId}`));
  const spesa = comuni.map((c) => centsOf(c.spesaRendicontataCents ?? 0, `spesaRendicontataCents di ${c.enteId}`));
  const perSpesa = params.premioPer === 'SPESA_RENDICONTATA';
  // The table's totals are numbers: they must stay exact.
  if (sum(fabbisogno) > MAX_SAFE || sum(cofinanziamento) > MAX_SAFE || sum(spesa) > MAX_SAFE) throw new RangeError('riparto: totali oltre il calcolabile');

  // 1. Quota ordinaria: key and cap are both the need.
  const ordinaria = ripartisci(quotaOrdinaria, fabbisogno.map((f) => ({ peso: f, tetto: f })));

  // 2. Eligibility, on the quota ordinaria to the cent: cofinanziamento ≥ minimo × ordinaria (by spending: some).
  const premiale = comuni.map((_, i) => fabbisogno[i]! > 0n && (perSpesa
    ? spesa[i]! > 0n
    : cofinanziamento[i]! > 0n && cofinanziamento[i]! * MILLION >= minimo * ordinaria.quote[i]!));

  // 3. Quota premiale: key the co-funding (or the spending), cap the need the quota ordinaria left uncovered.
  const premio = ripartisci(quotaPremiale, comuni.map((_, i) => ({
    peso: premiale[i] ? (perSpesa ? spesa[i]! : cofinanziamento[i]!) : 0n,
    tetto: fabbisogno[i]! - ordinaria.quote[i]!,
  })));

  // 4. ATA penalty on the allocation so far, rounded down so it never withholds more than its share.
  // Morosità incolpevole has no penalty; neither has a call whose penalty is 0 (nobody then loses its turn in step 5).
  const penalizzato = comuni.map((c, i) => !perSpesa && penalita > 0n && c.ata && cofinanziamento[i] === 0n && fabbisogno[i]! > 0n);
  const trattenuta = comuni.map((_, i) =>
    penalizzato[i] ? ((ordinaria.quote[i]! + premio.quote[i]!) * penalita) / MILLION : 0n);

  // 5. Redistribution by need, to the Comuni not penalised, of all that steps 1–4 left over.
  const coperto = comuni.map((_, i) => ordinaria.quote[i]! + premio.quote[i]! - trattenuta[i]!);
  const daRidistribuire = ordinaria.nonAssegnato + premio.nonAssegnato + sum(trattenuta);
  const agliAltri = ripartisci(daRidistribuire, comuni.map((_, i) => ({
    peso: penalizzato[i] ? 0n : fabbisogno[i]!,
    tetto: fabbisogno[i]! - coperto[i]!,
  })));

  // 6. Last resort, once everyone else is at its need: the penalised Comuni, by need.
  const aiPenalizzati = ripartisci(agliAltri.nonAssegnato, comuni.map((_, i) => ({
    peso: penalizzato[i] ? fabbisogno[i]! : 0n,
    tetto: fabbisogno[i]! - coperto[i]!,
  })));
  const redistribuzione = comuni.map((_, i) => agliAltri.quote[i]! + aiPenalizzati.quote[i]!);

  const quote = comuni.map((c, i): QuotaComune => {
    const totale = coperto[i]! + redistribuzione[i]!;
    return {
      enteId: c.enteId,
      fabbisognoCents: c.fabbisognoCents,
      cofinanziamentoCents: c.cofinanziamentoCents,
      spesaRendicontataCents: Number(spesa[i]),
      ata: c.ata,
      premiale: premiale[i]!,
      penalizzato: penalizzato[i]!,
      ordinariaCents: Number(ordinaria.quote[i]),
      premialeCents: Number(premio.quote[i]),
      penalitaCents: Number(trattenuta[i]),
      redistribuzioneCents: Number(redistribuzione[i]),
      totaleCents: Number(totale),
      copertura: copertura(totale, fabbisogno[i]!),
    };
  });

  const budget = quotaOrdinaria + quotaPremiale;
  const assegnato = budget - aiPenalizzati.nonAssegnato;
  return {
    quote,
    totali: {
      fabbisognoCents: Number(sum(fabbisogno)),
      cofinanziamentoCents: Number(sum(cofinanziamento)),
      ordinariaCents: Number(sum(ordinaria.quote)),
      premialeCents: Number(sum(premio.quote)),
      penalitaCents: Number(sum(trattenuta)),
      redistribuzioneCents: Number(sum(redistribuzione)),
      totaleCents: Number(assegnato),
    },
    budgetCents: Number(budget),
    assegnatoCents: Number(assegnato),
    nonAssegnatoCents: Number(aiPenalizzati.nonAssegnato),
  };
}

/** A Comune's place in one split: its key (peso) and the most it may receive (tetto), in cents. */
interface Posto {
  peso: bigint;
  tetto: bigint;
}

interface Ripartizione {
  /** Aligned with the places given. */
  quote: bigint[];
  /** What nobody could take: every place with a key is at its cap. */
  nonAssegnato: bigint;
}

/**
 * Splits `budget` cents in proportion to the keys, nobody above its cap, the excess going to the others in
 * proportion, repeated until stable; then to the cent by the largest remainder. The places come sorted by
 * enteId, so a tie of remainders goes to the earlier place, i.e. the smaller enteId.
 */
function ripartisci(budget: bigint, posti: readonly Posto[]): Ripartizione {
  const quote = posti.map(() => 0n);
  let aperti = posti.flatMap((p, i) => (p.peso > 0n && p.tetto > 0n ? [i] : []));
  let residuo = budget;
  while (aperti.length > 0) {
    const pesi = sum(aperti.map((i) => posti[i]!.peso));
    // Capped this round: residuo × peso / pesi ≥ tetto, cross-multiplied to stay exact. Their caps add up
    // to at most residuo (each is at most its proportional share), so residuo never goes below 0.
    const pieni = aperti.filter((i) => residuo * posti[i]!.peso >= posti[i]!.tetto * pesi);
    if (pieni.length === 0) {
      alResto(residuo, posti, aperti, pesi, quote);
      return { quote, nonAssegnato: 0n };
    }
    for (const i of pieni) {
      quote[i] = posti[i]!.tetto;
      residuo -= posti[i]!.tetto;
    }
    const tolti = new Set(pieni);
    aperti = aperti.filter((i) => !tolti.has(i));
  }
  return { quote, nonAssegnato: residuo };
}

/**
 * Largest-remainder rounding of `residuo` among the open places (none of them capped): each gets the whole
 * cents of its exact share, and the cents still missing go one each to the largest remainders. An open place's
 * exact share is below its cap, so its whole cents plus one never exceed the cap.
 */
function alResto(residuo: bigint, posti: readonly Posto[], aperti: readonly number[], pesi: bigint, quote: bigint[]): void {
  const resti = aperti.map((i) => {
    const esatto = residuo * posti[i]!.peso;
    quote[i] = esatto / pesi;
    return { i, resto: esatto % pesi };
  });
  resti.sort((a, b) => (a.resto === b.resto ? a.i - b.i : a.resto > b.resto ? -1 : 1));
  const mancanti = Number(residuo - sum(aperti.map((i) => quote[i]!)));
  for (const { i } of resti.slice(0, mancanti)) quote[i] = quote[i]! + 1n;
}

function sortedDomande(domande: readonly DomandaComune[]): DomandaComune[] {
  const comuni = [...domande].sort((a, b) => (a.enteId < b.enteId ? -1 : a.enteId > b.enteId ? 1 : 0));
  comuni.forEach((c, i) => {
    if (i > 0 && comuni[i - 1]!.enteId === c.enteId) throw new RangeError(`ente presente due volte nel riparto: «${c.enteId}»`);
  });
  return comuni;
}

function centsOf(value: number, campo: string): bigint {
  if (!Number.isSafeInteger(value) || value < 0 || value > MAX_CENTS) {
    throw new RangeError(`${campo}: importo non valido (${value}), atteso un numero intero di centesimi ≥ 0`);
  }
  return BigInt(value);
}

function millionthsOf(share: number, campo: string): bigint {
  const millionths = Math.round(share * 1_000_000);
  if (!Number.isFinite(share) || share < 0 || share > 1 || Math.abs(share * 1_000_000 - millionths) > 1e-6) {
    throw new RangeError(`${campo}: quota non valida (${share}), attesa tra 0 e 1 al milionesimo`);
  }
  return BigInt(millionths);
}

/** totale ÷ fabbisogno, half up to the ten-thousandth, exactly. */
function copertura(totale: bigint, fabbisogno: bigint): number | null {
  if (fabbisogno === 0n) return null;
  return Number((totale * 20_000n + fabbisogno) / (2n * fabbisogno)) / 10_000;
}

function sum(values: readonly bigint[]): bigint {
  return values.reduce((a, b) => a + b, 0n);
}
