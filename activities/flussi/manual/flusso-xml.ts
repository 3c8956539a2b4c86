// The flusso XML of a stock entered by hand: the platform writes what an ente's software would export,
// so a manual entry is validated, reported, protocolled and kept exactly like an uploaded file. Values
// arrive checked against the published XSD's formats (api/flussi/manual-input.ts); this only writes them.
import type { ParsedBuilding, ParsedUnit } from '../../stock/types';
import { centsOf, decimalOf, type EuroDecimal } from '../../../workflows/shared/money';
import { FLUSSO_NAMESPACE } from '../validation';

export interface ManualStock {
  fabbricati: readonly ParsedBuilding[];
  unita: readonly ParsedUnit[];
}

export interface ManualFlussoHeader {
  enteCodice: string;
  /** Written when it is an ente's 11-digit codice fiscale (the schema's form), left out otherwise. */
  codiceFiscale?: string | null;
  /** YYYY-MM-DD. */
  dataRiferimento: string;
  /** When the form was submitted. */
  prodottoIl: Date;
}

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const esc = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);

/** A decimal as xs:decimal writes it: fixed point (never 1e-7), at most `digits` decimals, no trailing zeros. */
function decimal(value: number, digits: number): string {
  const text = value.toFixed(digits);
  return digits === 0 ? text : text.replace(/0+$/, '').replace(/\.$/, '');
}

/** xs:dateTime without a time zone, in Rome's local time: what the ente's clock said. */
function localDateTime(date: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}`;
}

/** An optional element: written when the value is there, left out (not left empty) when it is not. */
const optional = (name: string, value: string | null | undefined) => (value === null || value === undefined ? '' : `      <${name}>${esc(value)}</${name}>\n`);
/** An amount as xs:decimal writes it, from its exact cents: 1234.5 → 1234.5, 1234.57 → 1234.57, 12 → 12. */
const euro = (value: EuroDecimal) => decimalOf(centsOf(value)).replace(/\.?0+$/, '');
const num = (value: number | null | undefined, digits: number) => (value === null || value === undefined ? null : decimal(value, digits));

function fabbricatoXml(b: ParsedBuilding): string {
  return `    <Fabbricato codice="${esc(b.codice)}">\n`
    + `      <Indirizzo>${esc(b.indirizzo)}</Indirizzo>\n`
    + `      <ComuneIstat>${esc(b.istatComune)}</ComuneIstat>\n`
    + optional('Latitudine', num(b.latitudine, 7))
    + optional('Longitudine', num(b.longitudine, 7))
    + optional('AnnoCostruzione', num(b.annoCostruzione, 0))
    + optional('Piani', num(b.piani, 0))
    + optional('StatoConservazione', b.statoConservazione)
    + '    </Fabbricato>\n';
}

function unitaXml(u: ParsedUnit): string {
  return `    <Unita codice="${esc(u.codice)}">\n`
    + `      <Fabbricato>${esc(u.buildingCodice)}</Fabbricato>\n`
    + `      <Catasto foglio="${esc(u.foglio)}" particella="${esc(u.particella)}" subalterno="${esc(u.subalterno)}" categoria="${esc(u.categoria)}"/>\n`
    + `      <Superficie>${decimal(u.superficie, 2)}</Superficie>\n`
    + optional('Vani', num(u.vani, 1))
    + `      <Uso>${esc(u.uso)}</Uso>\n`
    + `      <Stato>${esc(u.stato)}</Stato>\n`
    + optional('DataVendita', u.dataVendita)
    + optional('CanoneMensile', u.canoneMensile === null || u.canoneMensile === undefined ? null : euro(u.canoneMensile))
    + '    </Unita>\n';
}

/** The whole flusso: a manual stock is at most a few hundred units, so one string is fine. */
export function manualFlussoXml(header: ManualFlussoHeader, stock: ManualStock): string {
  const codiceFiscale = header.codiceFiscale && /^\d{11}$/.test(header.codiceFiscale) ? ` codiceFiscale="${header.codiceFiscale}"` : '';
  return '<?xml version="1.0" encoding="UTF-8"?>\n'
    + '<!-- Flusso generato da PUSH dall\'inserimento manuale nel modulo. -->\n'
    + `<FlussoPatrimoniale xmlns="${FLUSSO_NAMESPACE}" versione="1.0">\n`
    + '  <Intestazione>\n'
    + `    <Ente codice="${esc(header.enteCodice)}"${codiceFiscale}/>\n`
    + `    <DataRiferimento>${esc(header.dataRiferimento)}</DataRiferimento>\n`
    + `    <DataProduzione>${localDateTime(header.prodottoIl)}</DataProduzione>\n`
    + '  </Intestazione>\n'
    + '  <Fabbricati>\n'
    + stock.fabbricati.map(fabbricatoXml).join('')
    + '  </Fabbricati>\n'
    + '  <UnitaImmobiliari>\n'
    + stock.unita.map(unitaXml).join('')
    + '  </UnitaImmobiliari>\n'
    + '</FlussoPatrimoniale>\n';
}
