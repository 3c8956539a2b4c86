/**
 * A Comune's application to a call of the rent-support fund, as its form holds it: the text typed (amounts
 * Italian style, «1.234,56»), read into the draft the API saves and into the decision the workflow takes.
 * The decision is checked with the workflow's own schema (DomandaFondoDecision) and with the call's cap on
 * each band's need, so a mistake is named at its field before anything is sent; the workflow checks again.
 */
import type { BozzaDomanda, DomandaView } from '@/services/fondo-affitti';
import { FASCE, type FasceParams, type Fascia } from '@shared/fondo-affitti/bando';
import { DomandaFondoDecision, type DecisionOf } from '@shared/forms';
import { centsOf, decimalOf, formatEuro, parseItalianAmount } from '@shared/money';

export { FASCE, type Fascia };

export const CAMPI_FASCIA = ['ricevute', 'ammissibili', 'esclusi', 'fabbisogno'] as const;
export type CampoFascia = (typeof CAMPI_FASCIA)[number];

/** A band's figures as typed. */
export type FasciaInput = Record<CampoFascia, string>;

export interface DomandaInput {
  fasce: Record<Fascia, FasciaInput>;
  cofinanziamento: string;
  attoCofinanziamento: string;
}

export type CampoDocumento = 'bandoComunaleDocumentId' | 'graduatoriaDocumentId';
export const CAMPI_DOCUMENTO: readonly CampoDocumento[] = ['bandoComunaleDocumentId', 'graduatoriaDocumentId'];

/** A document uploaded for the application, with its file name. */
export interface Documento {
  documentId: string;
  nome: string;
}
export type Documenti = Record<CampoDocumento, Documento | null>;

/** Messages by the decision's field path ('fasce.A.fabbisogno', 'cofinanziamento'). */
export type Errori = Record<string, string>;

export type DomandaDecision = DecisionOf<'domanda-fondo-affitti'>;

/** The path of a band's field in the decision, as the workflow's and the API's errors name it. */
export const campoFascia = (fascia: Fascia, campo: CampoFascia) => `fasce.${fascia}.${campo}`;

/** Every field the form shows, by its path: an error for any other is the whole form's. */
export const CAMPI_DEL_MODULO = new Set<string>([
  ...FASCE.flatMap((fascia) => CAMPI_FASCIA.map((campo) => campoFascia(fascia, campo))),
  'cofinanziamento',
  'attoCofinanziamento',
  ...CAMPI_DOCUMENTO,
]);

/** "1234.50" → "1.234,50", as the person would type it. */
export const amountText = (value: string | null | undefined) => (value === null || value === undefined ? '' : formatEuro(value).replace(/\s*€$/, ''));

/** The amount typed, written again the Italian way once it reads as one ("1234,5" → "1.234,50"); else as typed. */
export function normalizedAmount(typed: string): string {
  const letto = readAmount(typed);
  return letto.value ? amountText(letto.value) : typed;
}

const integerText = (value: number | null) => (value === null ? '' : String(value));

export const emptyInput = (): DomandaInput => ({
  fasce: Object.fromEntries(FASCE.map((fascia) => [fascia, { ricevute: '', ammissibili: '', esclusi: '', fabbisogno: '' }])) as Record<Fascia, FasciaInput>,
  cofinanziamento: '',
  attoCofinanziamento: '',
});

export const inputOf = (domanda: DomandaView): DomandaInput => ({
  fasce: Object.fromEntries(FASCE.map((fascia) => {
    const figures = domanda.fasce[fascia];
    return [fascia, {
      ricevute: integerText(figures.ricevute),
      ammissibili: integerText(figures.ammissibili),
      esclusi: integerText(figures.esclusi),
      fabbisogno: amountText(figures.fabbisogno),
    }];
  })) as Record<Fascia, FasciaInput>,
  cofinanziamento: amountText(domanda.cofinanziamento),
  attoCofinanziamento: domanda.attoCofinanziamento ?? '',
});

export const documentiOf = (domanda: DomandaView): Documenti => ({
  bandoComunaleDocumentId: domanda.bandoComunale,
  graduatoriaDocumentId: domanda.graduatoria,
});

type Letto<T> = { value: T | null; problem?: undefined } | { value?: undefined; problem: string };

/** A count of applications: digits (a thousands dot allowed), empty for none yet. */
function readCount(typed: string): Letto<number> {
  const value = typed.trim();
  if (value === '') return { value: null };
  if (!/^\d+$/.test(value) && !/^\d{1,3}(\.\d{3})+$/.test(value)) return { problem: 'un numero intero non negativo, senza decimali' };
  return { value: Number(value.replace(/\./g, '')) };
}

/** An amount in euro typed Italian style, as a decimal string; empty for none yet. */
function readAmount(typed: string): Letto<string> {
  if (typed.trim() === '') return { value: null };
  const value = parseItalianAmount(typed);
  if (value === null) return { problem: 'un importo in euro con al massimo due decimali, come 1.234,56' };
  if (value.startsWith('-')) return { problem: 'un importo in euro non negativo' };
  return { value };
}

interface Figure {
  fasce: Record<Fascia, { ricevute: number | null; ammissibili: number | null; esclusi: number | null; fabbisogno: string | null }>;
  cofinanziamento: string | null;
  attoCofinanziamento: string | null;
  /** The fields whose text is not a number or an amount. */
  errori: Errori;
}

/** The figures as typed, each read or named as wrong. */
function readFigure(input: DomandaInput): Figure {
  const errori: Errori = {};
  const take = <T>(path: string, letto: Letto<T>): T | null => {
    if (letto.problem !== undefined) errori[path] = letto.problem;
    return letto.value ?? null;
  };
  const fasce = Object.fromEntries(FASCE.map((fascia) => {
    const typed = input.fasce[fascia];
    return [fascia, {
      ricevute: take(campoFascia(fascia, 'ricevute'), readCount(typed.ricevute)),
      ammissibili: take(campoFascia(fascia, 'ammissibili'), readCount(typed.ammissibili)),
      esclusi: take(campoFascia(fascia, 'esclusi'), readCount(typed.esclusi)),
      fabbisogno: take(campoFascia(fascia, 'fabbisogno'), readAmount(typed.fabbisogno)),
    }];
  })) as Figure['fasce'];
  const atto = input.attoCofinanziamento.trim();
  return { fasce, cofinanziamento: take('cofinanziamento', readAmount(input.cofinanziamento)), attoCofinanziamento: atto === '' ? null : atto, errori };
}

/** The draft to save: everything as typed (incomplete is fine), unless some text is not a number at all. */
export function bozzaOf(input: DomandaInput, documenti: Documenti): { bozza: BozzaDomanda; errori: Errori } {
  const figure = readFigure(input);
  return {
    bozza: {
      fasce: figure.fasce,
      cofinanziamento: figure.cofinanziamento,
      attoCofinanziamento: figure.attoCofinanziamento,
      bandoComunaleDocumentId: documenti.bandoComunaleDocumentId?.documentId ?? null,
      graduatoriaDocumentId: documenti.graduatoriaDocumentId?.documentId ?? null,
    },
    errori: figure.errori,
  };
}

/** The most a band's need may be: its eligible applications at the band's highest contribution, in cents. */
export function tettoOf(ammissibili: string, contributoMaxCents: number): { domande: number; cents: number } | undefined {
  const domande = readCount(ammissibili).value;
  if (domande === null || domande === undefined || !Number.isSafeInteger(domande * contributoMaxCents)) return undefined;
  return { domande, cents: domande * contributoMaxCents };
}

/** Both bands' need, in cents, once both read as amounts. */
export function fabbisognoTotaleCents(input: DomandaInput): number | undefined {
  let total = 0;
  for (const fascia of FASCE) {
    const letto = readAmount(input.fasce[fascia].fabbisogno);
    if (letto.value === null || letto.value === undefined) return undefined;
    total += centsOf(letto.value);
  }
  return total;
}

/**
 * The decision to submit, or every field at fault: the text that is not a number, then the schema's rules
 * (the workflow's validator applies the same), then the call's cap on each band's need (`fasce`, when the
 * call's parameters are known; the workflow checks it in any case).
 */
export function decisionOf(input: DomandaInput, documenti: Documenti, fasce: FasceParams | undefined): { ok: true; decision: DomandaDecision } | { ok: false; errori: Errori } {
  const figure = readFigure(input);
  const errori: Errori = { ...figure.errori };
  const candidate = {
    fasce: figure.fasce,
    cofinanziamento: figure.cofinanziamento ?? undefined,
    ...(figure.attoCofinanziamento ? { attoCofinanziamento: figure.attoCofinanziamento } : {}),
    bandoComunaleDocumentId: documenti.bandoComunaleDocumentId?.documentId,
    graduatoriaDocumentId: documenti.graduatoriaDocumentId?.documentId,
  };
  const parsed = DomandaFondoDecision.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      errori[path] ??= issue.message;
    }
  }
  // The schema checks the delibera only once everything else is right; the person hears of it now.
  if (figure.cofinanziamento !== null && centsOf(figure.cofinanziamento) > 0 && !figure.attoCofinanziamento) {
    errori.attoCofinanziamento ??= 'indica la delibera che impegna il cofinanziamento';
  }
  for (const fascia of FASCE) {
    const path = campoFascia(fascia, 'fabbisogno');
    const { fabbisogno } = figure.fasce[fascia];
    const tetto = fasce && tettoOf(input.fasce[fascia].ammissibili, fasce[fascia].contributoMaxCents);
    if (!tetto || fabbisogno === null || errori[path] || errori[campoFascia(fascia, 'ammissibili')]) continue;
    if (centsOf(fabbisogno) > tetto.cents) {
      const massimo = formatEuro(decimalOf(fasce[fascia].contributoMaxCents));
      errori[path] = `supera il massimo di ${formatEuro(decimalOf(tetto.cents))}: ${tetto.domande} domande ammissibili per il contributo massimo di ${massimo}`;
    }
  }
  if (Object.keys(errori).length > 0 || !parsed.success) return { ok: false, errori };
  return { ok: true, decision: parsed.data };
}

/** The figures a submitted application carried (the task's outcome), when they read as a decision. */
export function readDomanda(outcome: Record<string, unknown> | null): DomandaDecision | undefined {
  const parsed = DomandaFondoDecision.safeParse(outcome);
  return parsed.success ? parsed.data : undefined;
}

const orario = new Intl.DateTimeFormat('it-IT', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Rome' });

/** "14:30" */
export const formatOrario = (date: Date) => orario.format(date);
