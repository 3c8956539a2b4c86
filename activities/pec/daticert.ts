// daticert.xml, the certified data of a PEC receipt (DM 2 November 2005, technical rules, allegato):
//   <postacert tipo="…" errore="…"><intestazione><mittente/><destinatari tipo="certificato"/>…<risposte/>
//   <oggetto/></intestazione><dati><gestore-emittente/><data zona="+0100"><giorno/><ora/></data>
//   <identificativo/><msgid/><consegna/>?<errore-esteso/>?</dati></postacert>
// The file arrives by e-mail from outside, so it is parsed as hostile input: no internal DTD subset and
// no entity (hence no XXE and no billion laughs), every parser warning is fatal, and the size is bounded
// before parsing. Some providers open it with a DOCTYPE that only names the external postacert.dtd: that
// one is accepted, and blanked out before parsing, so the DTD is never fetched nor read.
import { DOMParser, type Element } from '@xmldom/xmldom';
import { PEC_FAILURE, pecFailure, RECEIPT_TIPI, type ReceiptTipo } from './pec';

export const DATICERT_ERRORI = ['nessuno', 'no-dest', 'no-dominio', 'virus', 'altro'] as const;
export type DaticertErrore = (typeof DATICERT_ERRORI)[number];

export interface Daticert {
  tipo: ReceiptTipo;
  errore: DaticertErrore;
  mittente: string;
  destinatari: { indirizzo: string; tipo: 'certificato' | 'esterno' }[];
  risposte: string;
  oggetto: string | null;
  gestoreEmittente: string;
  /** The certified time of the event (giorno, ora and zona together). */
  data: Date;
  /** The provider's identifier of the original message. */
  identificativo: string;
  /** The original message's Message-ID, with angle brackets. */
  msgid: string;
  /** The recipient a consegna or errore-consegna refers to. */
  consegna: string | null;
  erroreEsteso: string | null;
}

/** A real daticert.xml is a couple of kilobytes; anything far larger is not one. */
const MAX_DATICERT_BYTES = 64 * 1024;

const invalid = (reason: string) => pecFailure(PEC_FAILURE.invalidReceipt, `daticert.xml non valido: ${reason}`);

/**
 * `<!DOCTYPE postacert SYSTEM "…">` or `<!DOCTYPE postacert PUBLIC "…" "…">`, right after the XML
 * declaration: a name for the external DTD and nothing else. No `[` can occur, so no internal subset.
 */
const EXTERNAL_DOCTYPE = /^(\uFEFF?(?:<\?xml[^?]*\?>)?\s*)(<!DOCTYPE\s+postacert\s+(?:SYSTEM|PUBLIC\s+(?:"[^"[\]<>]*"|'[^'[\]<>]*'))\s+(?:"[^"[\]<>]*"|'[^'[\]<>]*')\s*>)/;

/** The text with an external-only DOCTYPE replaced by spaces (lines and columns stay where they were). */
function withoutExternalDoctype(xml: string): string {
  return xml.replace(EXTERNAL_DOCTYPE, (_match, prolog: string, doctype: string) => prolog + doctype.replace(/[^\n]/g, ' '));
}

/** UTF-8 unless the XML declaration says ISO-8859-1, which some providers use. Invalid bytes are refused. */
function decode(bytes: Buffer): string {
  const declaration = /^<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(bytes.subarray(0, 200).toString('latin1'));
  const declared = declaration?.[1]?.toLowerCase() ?? 'utf-8';
  const encoding = ['iso-8859-1', 'latin1', 'iso-8859-15', 'windows-1252'].includes(declared) ? 'windows-1252' : declared;
  if (encoding !== 'utf-8' && encoding !== 'utf8' && encoding !== 'windows-1252') throw invalid(`codifica ${declared} non supportata`);
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (error) {
    throw invalid(`byte non validi per la codifica ${declared} (${(error as Error).message})`);
  }
}

function children(parent: Element, name: string): Element[] {
  const found: Element[] = [];
  for (let node = parent.firstChild; node; node = node.nextSibling) {
    if (node.nodeType === node.ELEMENT_NODE && (node as Element).localName === name) found.push(node as Element);
  }
  return found;
}

function child(parent: Element, name: string): Element {
  const [element] = children(parent, name);
  if (!element) throw invalid(`manca <${name}> in <${parent.localName}>`);
  return element;
}

const text = (element: Element) => (element.textContent ?? '').trim();

function required(parent: Element, name: string): string {
  const value = text(child(parent, name));
  if (!value) throw invalid(`<${name}> è vuoto`);
  return value;
}

function optional(parent: Element, name: string): string | null {
  const [element] = children(parent, name);
  return element ? text(element) || null : null;
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[], what: string): T {
  if (value === null || !(allowed as readonly string[]).includes(value)) throw invalid(`${what} "${value ?? ''}" non previsto`);
  return value as T;
}

/** giorno dd/mm/yyyy, ora hh:mm:ss, zona ±hhmm: the instant the provider certifies. */
function certifiedTime(data: Element): Date {
  const giorno = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(required(data, 'giorno'));
  const ora = /^(\d{2}):(\d{2}):(\d{2})$/.exec(required(data, 'ora'));
  const zona = /^([+-])(\d{2})(\d{2})$/.exec(data.getAttribute('zona') ?? '');
  if (!giorno || !ora || !zona) throw invalid('<data> non nel formato gg/mm/aaaa, hh:mm:ss, zona ±hhmm');
  const iso = `${giorno[3]}-${giorno[2]}-${giorno[1]}T${ora[1]}:${ora[2]}:${ora[3]}${zona[1]}${zona[2]}:${zona[3]}`;
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) throw invalid(`<data> non è una data valida (${iso})`);
  return instant;
}

/** Message-IDs are compared with their angle brackets, as RFC 5322 writes them. */
export function normalizeMessageId(value: string): string {
  const bare = value.trim().replace(/^<|>$/g, '');
  return `<${bare}>`;
}

/** The certified data, and the text as decoded (what is stored as the record of the receipt). */
export function parseDaticert(bytes: Buffer): { daticert: Daticert; xml: string } {
  if (bytes.length > MAX_DATICERT_BYTES) throw invalid(`più di ${MAX_DATICERT_BYTES} byte`);
  const xml = decode(bytes);
  const parsed = withoutExternalDoctype(xml);
  // Any other DOCTYPE is refused before the parser sees it, so nothing is ever declared, let alone expanded.
  if (/<!\s*(DOCTYPE|ENTITY)/i.test(parsed)) throw invalid('contiene una dichiarazione DOCTYPE con DTD interna o entità, che una ricevuta PEC non usa');
  // Any warning or error stops the parser (xmldom wraps what onError throws in its ParseError).
  let problem: string | undefined;
  const parser = new DOMParser({
    onError: (level, message) => {
      problem ??= `${level}: ${message}`;
      throw new Error(problem);
    },
  });
  let document: ReturnType<DOMParser['parseFromString']>;
  try {
    document = parser.parseFromString(parsed, 'text/xml');
  } catch (error) {
    throw invalid(`XML malformato (${problem ?? (error as Error).message})`);
  }
  if (document.doctype) throw invalid('contiene una dichiarazione DOCTYPE');
  const root = document.documentElement;
  if (!root || root.localName !== 'postacert' || root.namespaceURI) throw invalid('l\'elemento radice non è <postacert>');

  const intestazione = child(root, 'intestazione');
  const dati = child(root, 'dati');
  const destinatari = children(intestazione, 'destinatari').map((element) => ({
    indirizzo: text(element),
    tipo: oneOf(element.getAttribute('tipo'), ['certificato', 'esterno'] as const, 'tipo di destinatario'),
  }));
  if (destinatari.length === 0) throw invalid('manca <destinatari>');
  const daticert: Daticert = {
    tipo: oneOf(root.getAttribute('tipo'), RECEIPT_TIPI, 'tipo di ricevuta'),
    // The technical rules make "nessuno" the default when the attribute is absent.
    errore: oneOf(root.getAttribute('errore') || 'nessuno', DATICERT_ERRORI, 'errore'),
    mittente: required(intestazione, 'mittente'),
    destinatari,
    risposte: required(intestazione, 'risposte'),
    oggetto: optional(intestazione, 'oggetto'),
    gestoreEmittente: required(dati, 'gestore-emittente'),
    data: certifiedTime(child(dati, 'data')),
    identificativo: required(dati, 'identificativo'),
    msgid: normalizeMessageId(required(dati, 'msgid')),
    consegna: optional(dati, 'consegna'),
    erroreEsteso: optional(dati, 'errore-esteso'),
  };
  return { daticert, xml };
}
