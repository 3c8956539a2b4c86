/**
 * A call of the rent-support fund as its form holds it: text as typed (amounts Italian style, «1.234,56»;
 * shares as percentages, «14»), read into the body the API takes (decimal strings, fractions). Each mistake is
 * named at its field under the path the API uses (`fonti.0.importo`, `fasce.A.iseeMax`), so the API's own
 * refusals land on the same fields.
 */
import type { BandoDaSalvare, BandoView } from '@/services/fondo-affitti';
import { FASCE, FASCE_DEFAULTS, TIPI_BANDO, type Fascia, type FasceParams, type TipoBando } from '@shared/fondo-affitti/bando';
import { RIPARTO_DEFAULTS } from '@shared/fondo-affitti/riparto';
import { centsOf, decimalOf, formatEuro, parseItalianAmount } from '@shared/money';

export { FASCE, type Fascia };

export type QuotaFonte = 'ORDINARIA' | 'PREMIALE';
export const QUOTE: Record<QuotaFonte, string> = { ORDINARIA: 'Quota ordinaria', PREMIALE: 'Quota premiale' };
export const TIPI_OPTIONS = (Object.keys(TIPI_BANDO) as TipoBando[]).map((value) => ({ value, title: TIPI_BANDO[value] }));

export interface FonteInput {
  /** Keeps a row's fields in place while rows above it are removed. */
  chiave: number;
  riferimento: string;
  importo: string;
  quota: QuotaFonte;
}

export interface FasciaInput {
  iseeMax: string;
  /** A percentage: «14» is 14 %. */
  incidenzaMinima: string;
  contributoMax: string;
}

export interface BandoInput {
  tipo: TipoBando;
  anno: string;
  titolo: string;
  /** YYYY-MM-DD, or '' while the date field holds no date. */
  apertura: string;
  scadenza: string;
  fonti: FonteInput[];
  fasce: Record<Fascia, FasciaInput>;
  cofinanziamentoMinimo: string;
  penalitaAta: string;
  /** «-7, -2»: days from the deadline, negative before it. */
  solleciti: string;
}

/** Messages by the API's field path. */
export type Errori = Record<string, string>;

/**
 * The reminders the API sets when none are sent (SOLLECITI_BANDO in workflows/shared/fondo-affitti/procedura.ts,
 * which the browser cannot import: it defines the workflow's messages): a week and two days before the deadline.
 */
const SOLLECITI_PREDEFINITI = '-7, -2';

let ultimaChiave = 0;
export const nuovaFonte = (quota: QuotaFonte = 'ORDINARIA'): FonteInput => ({ chiave: ++ultimaChiave, riferimento: '', importo: '', quota });

/** 1319292 cents → «13.192,92», as a person would type it. */
export const euroText = (cents: number) => formatEuro(decimalOf(cents)).replace(/\s*€$/, '');

const percentFormat = new Intl.NumberFormat('it-IT', { maximumFractionDigits: 4, useGrouping: false });
/** 0.14 → «14». */
export const percentText = (fraction: number) => percentFormat.format(fraction * 100);

const fasceInput = (fasce: FasceParams): Record<Fascia, FasciaInput> =>
  Object.fromEntries(FASCE.map((fascia) => [fascia, {
    iseeMax: euroText(fasce[fascia].iseeMaxCents),
    incidenzaMinima: percentText(fasce[fascia].incidenzaMinima),
    contributoMax: euroText(fasce[fascia].contributoMaxCents),
  }])) as Record<Fascia, FasciaInput>;

/** A new call: this year's, with the thresholds and shares DOMAIN.md gives. */
export const emptyBandoInput = (anno = new Date().getFullYear()): BandoInput => ({
  tipo: 'FONDO_AFFITTI',
  anno: String(anno),
  titolo: '',
  apertura: '',
  scadenza: '',
  fonti: [nuovaFonte('ORDINARIA')],
  fasce: fasceInput(FASCE_DEFAULTS),
  cofinanziamentoMinimo: percentText(RIPARTO_DEFAULTS.cofinanziamentoMinimo),
  penalitaAta: percentText(RIPARTO_DEFAULTS.penalitaAta),
  solleciti: SOLLECITI_PREDEFINITI,
});

const dayInRome = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Europe/Rome' });
/** An instant's day in Italy, YYYY-MM-DD: the call opens at the start of its first day and closes at the end of its last. */
export const giornoDi = (iso: string) => dayInRome.format(new Date(iso));

export const inputOfBando = (bando: BandoView): BandoInput => ({
  tipo: bando.tipo,
  anno: String(bando.anno),
  titolo: bando.titolo,
  apertura: giornoDi(bando.apertura),
  scadenza: giornoDi(bando.scadenza),
  fonti: bando.fonti.map((fonte) => ({ chiave: ++ultimaChiave, riferimento: fonte.riferimento, importo: euroText(centsOf(fonte.importo)), quota: fonte.quota })),
  fasce: fasceInput(bando.parametri.fasce),
  cofinanziamentoMinimo: percentText(bando.parametri.cofinanziamentoMinimo),
  penalitaAta: percentText(bando.parametri.penalitaAta),
  solleciti: bando.sollecitiGiorni.join(', '),
});

/** An amount in euro typed Italian style, as a decimal string; or what is wrong with it. */
function readAmount(typed: string, missing: string): { value: string } | { problem: string } {
  if (typed.trim() === '') return { problem: missing };
  const value = parseItalianAmount(typed);
  if (value === null) return { problem: 'un importo in euro con al massimo due decimali, come 1.234,56' };
  if (value.startsWith('-')) return { problem: 'un importo in euro non negativo' };
  return { value };
}

/** The amount typed, written again the Italian way once it reads as one («1234,5» → «1.234,50»); else as typed. */
export function normalizedAmount(typed: string): string {
  const value = parseItalianAmount(typed);
  return value === null || value.startsWith('-') ? typed : euroText(centsOf(value));
}

/** A percentage («14», «14,5») as a fraction (0.14, 0.145), read to the millionth as the riparto reads it. */
function readPercent(typed: string): { value: number } | { problem: string } {
  const text = typed.trim().replace(/\s*%$/, '').replace(',', '.');
  if (text === '') return { problem: 'indica una percentuale' };
  if (!/^\d{1,3}(\.\d{1,4})?$/.test(text)) return { problem: 'una percentuale come 14 o 12,5' };
  const percent = Number(text);
  if (percent > 100) return { problem: 'al massimo 100 %' };
  return { value: Math.round(percent * 10_000) / 1_000_000 };
}

/** «-7, -2, 3» → [-7, -2, 3]; empty: no reminders. */
function readSolleciti(typed: string): { value: number[] } | { problem: string } {
  const parts = typed.split(/[,;\s]+/).filter(Boolean);
  if (!parts.every((part) => /^[+-]?\d+$/.test(part))) return { problem: 'scrivi i giorni come numeri interi separati da virgole (negativi: prima della scadenza)' };
  const days = parts.map(Number);
  if (days.some((day) => Math.abs(day) > 90)) return { problem: 'al massimo 90 giorni prima o dopo la scadenza' };
  if (new Set(days).size !== days.length) return { problem: 'ogni giorno una volta sola' };
  if (days.length > 10) return { problem: 'al massimo 10 solleciti' };
  return { value: days };
}

/** The funding sources' totals in cents, counting the amounts that read as such. */
export function totaliFonti(fonti: readonly FonteInput[]): { ordinaria: number; premiale: number; dotazione: number } {
  const totals = { ordinaria: 0, premiale: 0, dotazione: 0 };
  for (const fonte of fonti) {
    const value = parseItalianAmount(fonte.importo);
    if (value === null || value.startsWith('-')) continue;
    const cents = centsOf(value);
    totals[fonte.quota === 'ORDINARIA' ? 'ordinaria' : 'premiale'] += cents;
    totals.dotazione += cents;
  }
  return totals;
}

/** The body to send, or every field at fault. */
export function bodyOf(input: BandoInput): { ok: true; body: BandoDaSalvare } | { ok: false; errori: Errori } {
  const errori: Errori = {};
  function take<T>(path: string, letto: { value: T } | { problem: string }): T | undefined {
    if ('problem' in letto) {
      errori[path] = letto.problem;
      return undefined;
    }
    return letto.value;
  }

  const anno = Number(input.anno.trim());
  if (!/^\d{4}$/.test(input.anno.trim()) || anno < 2000 || anno > 2100) errori.anno = 'un anno tra il 2000 e il 2100';
  const titolo = input.titolo.trim();
  if (titolo.length < 3) errori.titolo = 'indica il titolo (almeno 3 caratteri)';
  if (!input.apertura) errori.apertura = 'indica la data di apertura';
  if (!input.scadenza) errori.scadenza = 'indica la scadenza';
  else if (input.apertura && input.scadenza < input.apertura) errori.scadenza = 'la scadenza non può precedere l’apertura';

  if (input.fonti.length === 0) errori.fonti = 'indica almeno una fonte di finanziamento';
  const fonti = input.fonti.map((fonte, index) => {
    const riferimento = fonte.riferimento.trim();
    if (!riferimento) errori[`fonti.${index}.riferimento`] = 'indica l’atto di finanziamento';
    const importo = take(`fonti.${index}.importo`, readAmount(fonte.importo, 'indica l’importo'));
    return { riferimento, importo: importo ?? '', quota: fonte.quota };
  });

  const fasce = Object.fromEntries(FASCE.map((fascia) => {
    const typed = input.fasce[fascia];
    return [fascia, {
      iseeMax: take(`fasce.${fascia}.iseeMax`, readAmount(typed.iseeMax, 'indica l’ISEE massimo')) ?? '',
      incidenzaMinima: take(`fasce.${fascia}.incidenzaMinima`, readPercent(typed.incidenzaMinima)) ?? 0,
      contributoMax: take(`fasce.${fascia}.contributoMax`, readAmount(typed.contributoMax, 'indica il contributo massimo')) ?? '',
    }];
  })) as BandoDaSalvare['fasce'];
  const cofinanziamentoMinimo = take('cofinanziamentoMinimo', readPercent(input.cofinanziamentoMinimo));
  const penalitaAta = take('penalitaAta', readPercent(input.penalitaAta));
  const sollecitiGiorni = take('sollecitiGiorni', readSolleciti(input.solleciti));

  if (Object.keys(errori).length > 0) return { ok: false, errori };
  return {
    ok: true,
    body: {
      tipo: input.tipo,
      anno,
      titolo,
      apertura: input.apertura,
      scadenza: input.scadenza,
      fonti,
      fasce,
      cofinanziamentoMinimo: cofinanziamentoMinimo!,
      penalitaAta: penalitaAta!,
      sollecitiGiorni: sollecitiGiorni!,
    },
  };
}
