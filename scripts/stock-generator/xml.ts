/**
 * Writes a flusso as XML, element by element. A regional ARCA file is ~15 MB: it is produced as small
 * strings gathered into 64 KB chunks and written with backpressure, never as one string.
 */
import { createWriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { FLUSSO_NAMESPACE, FLUSSO_VERSIONE, type Fabbricato, type FlussoPatrimoniale, type Unita } from './model';

const CHUNK_CHARS = 64 * 1024;

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** Text and attribute values: & < > and " escaped (the writer always quotes attributes with "). */
function esc(value: string): string {
  return /[&<>"]/.test(value) ? value.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c) : value;
}

/** The flusso as a sequence of strings, one per element (building, unit), in document order. */
export function* flussoXmlChunks(flusso: FlussoPatrimoniale): Generator<string> {
  const ente = flusso.ente.codiceFiscale === undefined
    ? `<Ente codice="${esc(flusso.ente.codice)}"/>`
    : `<Ente codice="${esc(flusso.ente.codice)}" codiceFiscale="${esc(flusso.ente.codiceFiscale)}"/>`;
  yield `<?xml version="1.0" encoding="UTF-8"?>
<FlussoPatrimoniale xmlns="${FLUSSO_NAMESPACE}" versione="${FLUSSO_VERSIONE}">
  <Intestazione>
    ${ente}
    <DataRiferimento>${esc(flusso.dataRiferimento)}</DataRiferimento>
    <DataProduzione>${esc(flusso.dataProduzione)}</DataProduzione>
  </Intestazione>
  <Fabbricati>
`;
  for (const fabbricato of flusso.fabbricati) yield fabbricatoXml(fabbricato);
  yield '  </Fabbricati>\n  <UnitaImmobiliari>\n';
  for (const unita of flusso.unita) yield unitaXml(unita);
  yield '  </UnitaImmobiliari>\n</FlussoPatrimoniale>\n';
}

function fabbricatoXml(f: Fabbricato): string {
  let xml = `    <Fabbricato codice="${esc(f.codice)}">\n      <Indirizzo>${esc(f.indirizzo)}</Indirizzo>\n      <ComuneIstat>${esc(f.comuneIstat)}</ComuneIstat>\n`;
  if (f.latitudine !== undefined) xml += `      <Latitudine>${f.latitudine.toFixed(6)}</Latitudine>\n`;
  if (f.longitudine !== undefined) xml += `      <Longitudine>${f.longitudine.toFixed(6)}</Longitudine>\n`;
  if (f.annoCostruzione !== undefined) xml += `      <AnnoCostruzione>${f.annoCostruzione}</AnnoCostruzione>\n`;
  if (f.piani !== undefined) xml += `      <Piani>${f.piani}</Piani>\n`;
  if (f.statoConservazione !== undefined) xml += `      <StatoConservazione>${f.statoConservazione}</StatoConservazione>\n`;
  return `${xml}    </Fabbricato>\n`;
}

function unitaXml(u: Unita): string {
  const c = u.catasto;
  let xml = `    <Unita codice="${esc(u.codice)}">\n      <Fabbricato>${esc(u.fabbricato)}</Fabbricato>\n`
    + `      <Catasto foglio="${esc(c.foglio)}" particella="${esc(c.particella)}" subalterno="${esc(c.subalterno)}" categoria="${esc(c.categoria)}"/>\n`
    + `      <Superficie>${decimal(u.superficie)}</Superficie>\n`;
  if (u.vani !== undefined) xml += `      <Vani>${decimal(u.vani)}</Vani>\n`;
  xml += `      <Uso>${u.uso}</Uso>\n      <Stato>${u.stato}</Stato>\n`;
  if (u.dataVendita !== undefined) xml += `      <DataVendita>${esc(u.dataVendita)}</DataVendita>\n`;
  if (u.canoneMensile !== undefined) xml += `      <CanoneMensile>${u.canoneMensile.toFixed(2)}</CanoneMensile>\n`;
  return `${xml}    </Unita>\n`;
}

/** A number as xs:decimal writes it: never in exponent notation. */
function decimal(value: number): string {
  const text = String(value);
  return /e/i.test(text) ? value.toFixed(2) : text;
}

/** The whole flusso as one string: for the small flussi of tests; write large ones with writeFlusso. */
export function renderFlusso(flusso: FlussoPatrimoniale): string {
  return [...flussoXmlChunks(flusso)].join('');
}

/** The document in chunks of about 64 KB, the unit of writing. */
function* chunked(flusso: FlussoPatrimoniale, count: (chunk: string) => void): Generator<string> {
  let pending: string[] = [];
  let pendingChars = 0;
  for (const piece of flussoXmlChunks(flusso)) {
    pending.push(piece);
    pendingChars += piece.length;
    if (pendingChars >= CHUNK_CHARS) {
      const chunk = pending.join('');
      count(chunk);
      yield chunk;
      pending = [];
      pendingChars = 0;
    }
  }
  const last = pending.join('');
  count(last);
  yield last;
}

/**
 * Writes the flusso to a file (created or replaced) or to a stream (left open), and resolves with the
 * number of bytes written once they are flushed. pipeline() carries backpressure and errors of either.
 */
export async function writeFlusso(flusso: FlussoPatrimoniale, target: string | Writable): Promise<number> {
  let bytes = 0;
  const source = Readable.from(chunked(flusso, (chunk) => { bytes += Buffer.byteLength(chunk); }));
  if (typeof target === 'string') {
    await pipeline(source, createWriteStream(target, { highWaterMark: 1 << 20 }));
  } else {
    await pipeline(source, target, { end: false });
  }
  return bytes;
}
