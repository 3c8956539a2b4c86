// Phase 1: one streamed pass over the file with saxes. It refuses what is unsafe or not XML (a DOCTYPE,
// another encoding, bytes that are not UTF-8, a truncated file, the wrong root element or namespace) with
// a single problem, and on the way collects the header, buildings and units with their line numbers for
// the rules. saxes never reads a DTD nor expands an entity it was not given, and the DOCTYPE is refused
// the moment it ends, so neither XXE nor "billion laughs" can get anywhere. Elements nested deeper than a
// flusso ever goes are refused at the first one too: every open element costs memory, and a file of
// millions of nested elements would otherwise exhaust the process that also serves the API.
import { createReadStream } from 'node:fs';
import { isUtf8 } from 'node:buffer';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { StatoUnita, UsoUnita } from '../../../prisma/generated/enums';
import { REGOLA } from './rules-catalog';
import type { ParsedBuilding, ParsedUnit, Problem } from './types';
import { completePrefixLength, countLines, firstInvalidOffset } from './utf8';

export const FLUSSO_NAMESPACE = 'urn:push:flusso-patrimoniale:1';
const ROOT = 'FlussoPatrimoniale';
/**
 * Large enough that saxes runs in long stretches, small enough that progress and cancellation stay timely
 * (measured: 64 KiB to 1 MiB take the same time on the regional stock; larger chunks only cost memory).
 */
export const READ_CHUNK_BYTES = 256 * 1024;
/**
 * The deepest nesting accepted. A flusso nests 4 levels (FlussoPatrimoniale > UnitaImmobiliari > Unita >
 * Superficie); 32 leaves room for any future version and refuses a nesting attack after 32 elements.
 */
export const MAX_DEPTH = 32;

/** Lines of the fields the rules point at; 0 when the field is absent. */
export interface BuildingLines { riga: number; comune: number; anno: number }
export interface UnitLines { riga: number; fine: number; fabbricato: number; catasto: number; superficie: number; vani: number; stato: number; dataVendita: number; canone: number }

export interface HeaderRecord {
  enteCodice: string | null;
  enteRiga: number;
  dataRiferimento: string | null;
  dataRiferimentoRiga: number;
  dataProduzione: string | null;
}

export interface FlussoRecords {
  header: HeaderRecord;
  buildings: ParsedBuilding[];
  buildingLines: BuildingLines[];
  units: ParsedUnit[];
  unitLines: UnitLines[];
}

export type ReadOutcome = { ok: true; records: FlussoRecords } | { ok: false; problem: Problem };

export interface ReadOptions {
  /** The file's size, for progress. */
  size: number;
  /** Refused beyond this many bytes, should the file grow after its size was checked. */
  maxBytes: number;
  /** Called once the root element has been accepted: from here on, no DOCTYPE can come. */
  onRootAccepted?: () => void;
  onProgress?: (fraction: number) => void;
  /**
   * Called after each chunk with the records read so far (the same growing arrays each time), for a
   * caller that loads them while the rest is read. They may still be refused by a later problem.
   */
  onRecords?: (records: FlussoRecords) => void;
  signal?: AbortSignal;
}

/** Thrown inside saxes's handlers to stop the pass; never leaves this module. */
class Refusal {
  constructor(readonly problem: Problem) {}
}

const refuse = (regola: string, riga: number | null, messaggio: string) =>
  new Refusal({ gravita: 'ERRORE', regola, riga, unita: null, campo: null, messaggio });

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

export async function readFlusso(file: string, options: ReadOptions): Promise<ReadOutcome> {
  const builder = new RecordBuilder();
  const parser = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  const open: { name: string; line: number }[] = [];

  parser.on('xmldecl', (declaration) => {
    const encoding = declaration.encoding?.toLowerCase();
    if (encoding !== undefined && encoding !== 'utf-8' && encoding !== 'utf8') {
      throw refuse(REGOLA.codifica, parser.line, `La dichiarazione XML indica la codifica ${declaration.encoding}: il flusso deve essere in UTF-8. Salva il file in UTF-8 e scrivi encoding="UTF-8" nella prima riga.`);
    }
  });
  parser.on('doctype', () => {
    throw refuse(REGOLA.doctype, parser.line, 'Il file contiene una dichiarazione <!DOCTYPE …> (DTD o entità): per sicurezza non è ammessa e il file non è stato elaborato. Togli la dichiarazione DOCTYPE: il flusso si valida con lo schema XSD pubblicato.');
  });
  parser.on('opentag', (tag) => {
    if (open.length === 0) acceptRoot(tag, parser.line, options.onRootAccepted);
    if (open.length === MAX_DEPTH) {
      throw refuse(REGOLA.annidamento, parser.line, `Alla riga ${parser.line} l'elemento <${localName(tag.name)}> è annidato a più di ${MAX_DEPTH} livelli: un flusso patrimoniale ne usa al massimo 4, il file non è stato elaborato. Controlla di aver caricato il flusso giusto, esportato con la struttura pubblicata.`);
    }
    open.push({ name: tag.name, line: parser.line });
    builder.open(open.length, localName(tag.name), tag.attributes, parser.line);
  });
  parser.on('closetag', () => {
    builder.close(open.length, parser.line);
    open.pop();
  });
  // saxes reports each well-formedness error here (and only those): the first one ends the pass.
  parser.on('error', (error) => {
    const detail = error.message.replace(/^\d+:\d+: /, '');
    throw refuse(REGOLA.malformato, parser.line, `Il file non è XML ben formato alla riga ${parser.line}, colonna ${parser.column + 1}: correggi la sintassi in quel punto (dettaglio tecnico: ${detail}).`);
  });
  parser.on('text', (text) => builder.text(text));
  parser.on('cdata', (text) => builder.text(text));

  let carried: Buffer = Buffer.alloc(0);
  let read = 0;
  /** Bytes handed to saxes so far: the file offset of the next decoded piece. */
  let fed = 0;
  try {
    for await (const chunk of createReadStream(file, { highWaterMark: READ_CHUNK_BYTES, signal: options.signal }) as AsyncIterable<Buffer>) {
      if (read === 0) refuseUtf16(chunk);
      read += chunk.length;
      if (read > options.maxBytes) throw new Refusal(oversizedProblem(read, options.maxBytes));
      const bytes = carried.length > 0 ? Buffer.concat([carried, chunk]) : chunk;
      const complete = completePrefixLength(bytes);
      const whole = bytes.subarray(0, complete);
      carried = bytes.subarray(complete);
      if (!isUtf8(whole)) {
        const offset = firstInvalidOffset(whole);
        // What comes before the bad byte is read first: an ISO-8859-1 declaration (or a malformation)
        // earlier in the file explains the problem better than the byte itself.
        const before = whole.subarray(0, completePrefixLength(whole.subarray(0, offset)));
        parser.write(before.toString('utf8'));
        const line = parser.line + countLines(whole.subarray(before.length), offset - before.length);
        throw refuse(REGOLA.utf8, line, `Il file contiene byte che non sono UTF-8 valido (riga ${line}, byte ${fed + offset + 1} del file): probabilmente è stato salvato in un'altra codifica (ISO-8859-1, Windows-1252). Salvalo in UTF-8 e ricaricalo.`);
      }
      parser.write(whole.toString('utf8'));
      fed += whole.length;
      options.onProgress?.(read / Math.max(options.size, 1));
      options.onRecords?.(builder.records());
    }
    if (open.length > 0) {
      const innermost = open[open.length - 1] as { name: string; line: number };
      throw refuse(REGOLA.troncato, parser.line, `Il file è troncato: finisce alla riga ${parser.line} mentre l'elemento <${localName(innermost.name)}> aperto alla riga ${innermost.line} non è chiuso. Probabilmente il caricamento o l'esportazione si sono interrotti: ricarica il file completo.`);
    }
    if (read === 0 || builder.depthSeen === 0) {
      throw refuse(REGOLA.fileVuoto, null, "Il file è vuoto o non contiene alcun elemento XML: carica il flusso esportato, che inizia con <FlussoPatrimoniale>.");
    }
    if (carried.length > 0) {
      throw refuse(REGOLA.utf8, parser.line, "Il file finisce con un carattere UTF-8 incompleto: salvalo in UTF-8 e ricaricalo.");
    }
    parser.close();
  } catch (error) {
    if (error instanceof Refusal) return { ok: false, problem: error.problem };
    throw error;
  }
  return { ok: true, records: builder.records() };
}

function acceptRoot(tag: SaxesTagPlain, line: number, onAccepted: (() => void) | undefined): void {
  const colon = tag.name.indexOf(':');
  const prefix = colon < 0 ? null : tag.name.slice(0, colon);
  const name = localName(tag.name);
  if (name !== ROOT) {
    throw refuse(REGOLA.radice, line, `L'elemento radice è <${tag.name}>: un flusso patrimoniale inizia con <${ROOT} xmlns="${FLUSSO_NAMESPACE}">. Controlla di aver caricato il file giusto.`);
  }
  const namespace = tag.attributes[prefix === null ? 'xmlns' : `xmlns:${prefix}`];
  if (namespace !== FLUSSO_NAMESPACE) {
    const found = namespace === undefined ? 'non dichiara alcun namespace' : `ha il namespace "${namespace}"`;
    throw refuse(REGOLA.namespace, line, `L'elemento <${tag.name}> ${found}: deve essere nel namespace "${FLUSSO_NAMESPACE}" (scrivi <${ROOT} xmlns="${FLUSSO_NAMESPACE}">).`);
  }
  onAccepted?.();
}

/** The problem of a file over the size limit (checked from its size before reading, and again while reading). */
export function oversizedProblem(size: number, maxBytes: number): Problem {
  const mb = (bytes: number) => (bytes / (1024 * 1024)).toLocaleString('it-IT', { maximumFractionDigits: 1 });
  return { gravita: 'ERRORE', regola: REGOLA.fileTroppoGrande, riga: null, unita: null, campo: null, messaggio: `Il file è di ${mb(size)} MB, oltre il massimo accettato di ${mb(maxBytes)} MB: il file non è stato elaborato. Controlla di aver caricato il flusso giusto (senza allegati o dati estranei).` };
}

/**
 * A UTF-16 file is not invalid UTF-8 by accident: say what it is. With a BOM it is certain; without one,
 * an XML file starts with '<' or white space, which UTF-16 writes as an ASCII byte next to a zero byte.
 */
function refuseUtf16(first: Buffer): void {
  if (first.length < 2) return;
  const [a, b] = [first[0] as number, first[1] as number];
  if ((a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff)) {
    throw refuse(REGOLA.codifica, 1, 'Il file è in UTF-16: il flusso deve essere in UTF-8. Salvalo in UTF-8 e ricaricalo.');
  }
  const ascii = (byte: number) => byte === 0x3c || byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
  const order = ascii(a) && b === 0 ? 'little-endian' : a === 0 && ascii(b) ? 'big-endian' : null;
  if (order) {
    throw refuse(REGOLA.codifica, 1, `Il file sembra codificato in UTF-16 (${order}) senza BOM: il flusso deve essere in UTF-8. Salvalo in UTF-8 e ricaricalo.`);
  }
}

/**
 * Turns the elements of the flusso into records as they stream by. Values are converted here, once: the
 * rules run only on a flusso the schema has accepted, so numbers, dates and enumerations are well-formed.
 */
class RecordBuilder {
  depthSeen = 0;
  private section = '';
  private header: HeaderRecord = { enteCodice: null, enteRiga: 0, dataRiferimento: null, dataRiferimentoRiga: 0, dataProduzione: null };
  private readonly buildings: ParsedBuilding[] = [];
  private readonly buildingLines: BuildingLines[] = [];
  private readonly units: ParsedUnit[] = [];
  private readonly unitLines: UnitLines[] = [];
  private building: ParsedBuilding | null = null;
  private buildingLine: BuildingLines | null = null;
  private unit: ParsedUnit | null = null;
  private unitLine: UnitLines | null = null;
  /** The element whose text is being collected, or null. */
  private field: string | null = null;
  private fieldDepth = 0;
  private fieldLine = 0;
  private value = '';

  records(): FlussoRecords {
    return { header: this.header, buildings: this.buildings, buildingLines: this.buildingLines, units: this.units, unitLines: this.unitLines };
  }

  open(depth: number, name: string, attributes: Record<string, string>, line: number): void {
    this.depthSeen = Math.max(this.depthSeen, depth);
    if (depth === 2) {
      this.section = name;
    } else if (depth === 3) {
      if (this.section === 'Intestazione') this.openHeaderField(name, attributes, line);
      else if (this.section === 'Fabbricati' && name === 'Fabbricato') this.openBuilding(attributes, line);
      else if (this.section === 'UnitaImmobiliari' && name === 'Unita') this.openUnit(attributes, line);
    } else if (depth === 4 && (this.building || this.unit)) {
      if (name === 'Catasto' && this.unit && this.unitLine) {
        this.unit.foglio = attributes.foglio ?? '';
        this.unit.particella = attributes.particella ?? '';
        this.unit.subalterno = attributes.subalterno ?? '';
        this.unit.categoria = attributes.categoria ?? '';
        this.unitLine.catasto = line;
      } else {
        this.collect(name, depth, line);
      }
    }
  }

  text(text: string): void {
    if (this.field !== null) this.value += text;
  }

  close(depth: number, line: number): void {
    if (this.field !== null && depth === this.fieldDepth) {
      const value = this.value.trim();
      if (depth === 3) this.setHeaderField(this.field, value);
      else if (this.building && this.buildingLine) setBuildingField(this.building, this.buildingLine, this.field, value, this.fieldLine);
      else if (this.unit && this.unitLine) setUnitField(this.unit, this.unitLine, this.field, value, this.fieldLine);
      this.field = null;
    } else if (depth === 3 && this.field === null) {
      if (this.building && this.buildingLine) {
        this.buildings.push(this.building);
        this.buildingLines.push(this.buildingLine);
      }
      if (this.unit && this.unitLine) {
        this.unitLine.fine = line;
        this.units.push(this.unit);
        this.unitLines.push(this.unitLine);
      }
      this.building = this.buildingLine = this.unit = this.unitLine = null;
    }
  }

  private collect(name: string, depth: number, line: number): void {
    this.field = name;
    this.fieldDepth = depth;
    this.fieldLine = line;
    this.value = '';
  }

  private openHeaderField(name: string, attributes: Record<string, string>, line: number): void {
    if (name === 'Ente') {
      this.header.enteCodice = attributes.codice ?? null;
      this.header.enteRiga = line;
    } else if (name === 'DataRiferimento' || name === 'DataProduzione') {
      this.collect(name, 3, line);
    }
  }

  private setHeaderField(name: string, value: string): void {
    if (name === 'DataRiferimento') {
      this.header.dataRiferimento = value;
      this.header.dataRiferimentoRiga = this.fieldLine;
    } else {
      this.header.dataProduzione = value;
    }
  }

  private openBuilding(attributes: Record<string, string>, line: number): void {
    this.building = { codice: attributes.codice ?? '', indirizzo: '', istatComune: '', latitudine: null, longitudine: null, annoCostruzione: null, piani: null, statoConservazione: null };
    this.buildingLine = { riga: line, comune: 0, anno: 0 };
  }

  private openUnit(attributes: Record<string, string>, line: number): void {
    this.unit = {
      codice: attributes.codice ?? '', buildingCodice: '', foglio: '', particella: '', subalterno: '', categoria: '',
      superficie: 0, vani: null, uso: 'ALTRO', stato: 'LIBERO', dataVendita: null, canoneMensile: null,
    };
    this.unitLine = { riga: line, fine: 0, fabbricato: 0, catasto: 0, superficie: 0, vani: 0, stato: 0, dataVendita: 0, canone: 0 };
  }
}

function setBuildingField(building: ParsedBuilding, lines: BuildingLines, name: string, value: string, line: number): void {
  switch (name) {
    // xs:token: the schema collapses inner runs of spaces too, so the address is stored as it compares.
    case 'Indirizzo': building.indirizzo = value.replace(/\s+/g, ' '); break;
    case 'ComuneIstat': building.istatComune = value; lines.comune = line; break;
    case 'Latitudine': building.latitudine = Number(value); break;
    case 'Longitudine': building.longitudine = Number(value); break;
    case 'AnnoCostruzione': building.annoCostruzione = Number(value); lines.anno = line; break;
    case 'Piani': building.piani = Number(value); break;
    case 'StatoConservazione': building.statoConservazione = value; break;
  }
}

/**
 * The enumerations' own strings for Uso and Stato. A value read from the file is a slice of the 256 KiB
 * chunk it came from, and V8 keeps the whole chunk alive with it: with a state such as
 * SFITTO_CARENZE_MANUTENTIVE in every chunk, the records held every chunk of the file (+20 MiB for the
 * regional stock). A value outside the enumeration (a file the schema refuses) is kept as it is.
 */
const ENUMERATED = new Map<string, string>([...Object.values(UsoUnita), ...Object.values(StatoUnita)].map((value) => [value, value]));
const enumerated = <T extends string>(value: string) => (ENUMERATED.get(value) ?? value) as T;

function setUnitField(unit: ParsedUnit, lines: UnitLines, name: string, value: string, line: number): void {
  switch (name) {
    case 'Fabbricato': unit.buildingCodice = value; lines.fabbricato = line; break;
    case 'Superficie': unit.superficie = Number(value); lines.superficie = line; break;
    case 'Vani': unit.vani = Number(value); lines.vani = line; break;
    // The schema restricts Uso and Stato to the enumerations of the data model.
    case 'Uso': unit.uso = enumerated(value); break;
    case 'Stato': unit.stato = enumerated(value); lines.stato = line; break;
    // xs:date may carry a time zone (2019-05-10Z): the day is what the database keeps.
    case 'DataVendita': unit.dataVendita = value.slice(0, 10); lines.dataVendita = line; break;
    // xs:decimal with at most two decimals (the schema's): kept as written, money is never a float.
    case 'CanoneMensile': unit.canoneMensile = value; lines.canone = line; break;
  }
}
