// The AgID segnatura informatica (Linee guida, Allegato 6; segnatura_protocollo.xsd 3.0.0), before its
// signature. Built as a DOM so every value is escaped by the serializer, never by hand.
import { DOMImplementation, XMLSerializer, type Document, type Element } from '@xmldom/xmldom';
import type { RegistrationDocuments, ProtocolDocumentRef, SoggettoCorrispondente } from './protocol-register';

export const PROTOCOLLO_NS = 'http://www.agid.gov.it/protocollo/';

/** A party of the registration: the correspondent, or the AOO itself on the other side. */
export type Soggetto = SoggettoCorrispondente;

export interface SegnaturaData {
  amministrazione: { codiceIPA: string; denominazione: string };
  aoo: string;
  register: string;
  number: number;
  registeredAt: Date;
  direction: 'ENTRATA' | 'USCITA';
  oggetto: string;
  classifica: { codice: string; denominazione: string };
  fascicolo?: { codice: string; denominazione: string };
  corrispondente: Soggetto;
  documenti: RegistrationDocuments;
}

/** Date, time (with its UTC offset) and year of an instant in Italy, as the register counts years. */
export function romeDateTime(instant: Date): { year: number; date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Rome',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  // "GMT+01:00" → "+01:00"; Italy is never at a zero offset, but "GMT" alone would mean one.
  const offset = parts.timeZoneName === 'GMT' ? 'Z' : String(parts.timeZoneName).replace('GMT', '');
  return {
    year: Number(parts.year),
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}${offset}`,
  };
}

/** The XSD's NumeroRegistrazioneType: at least seven digits. */
export function numeroRegistrazione(number: number): string {
  return String(number).padStart(7, '0');
}

const MIME_BY_EXTENSION: Record<string, string> = {
  pdf: 'application/pdf',
  p7m: 'application/pkcs7-mime',
  xml: 'application/xml',
  txt: 'text/plain',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  eml: 'message/rfc822',
  zip: 'application/zip',
};

export function mimeTypeOf(document: ProtocolDocumentRef): string {
  if (document.mimeType) return document.mimeType;
  const extension = /\.([A-Za-z0-9]+)$/.exec(document.nome)?.[1]?.toLowerCase();
  return (extension && MIME_BY_EXTENSION[extension]) || 'application/octet-stream';
}

/** The element writer: every element and, as attributeFormDefault="qualified" demands, every attribute in the prot namespace. */
function writer(doc: Document) {
  const element = (parent: Element, name: string, content?: string, attributes: Record<string, string> = {}): Element => {
    const child = doc.createElementNS(PROTOCOLLO_NS, `prot:${name}`);
    for (const [attribute, value] of Object.entries(attributes)) child.setAttributeNS(PROTOCOLLO_NS, `prot:${attribute}`, value);
    if (content !== undefined) child.appendChild(doc.createTextNode(content));
    parent.appendChild(child);
    return child;
  };
  return element;
}

type Write = ReturnType<typeof writer>;

function writeSoggetto(write: Write, parent: Element, soggetto: Soggetto): void {
  switch (soggetto.tipo) {
    case 'AMMINISTRAZIONE': {
      const amministrazione = write(parent, 'Amministrazione');
      write(amministrazione, 'DenominazioneAmministrazione', soggetto.denominazione);
      if (soggetto.codiceFiscale) write(amministrazione, 'CFAmministrazione', soggetto.codiceFiscale);
      write(amministrazione, 'CodiceIPAAmministrazione', soggetto.codiceIPA);
      if (soggetto.codiceAOO) write(amministrazione, 'CodiceIPAAOO', soggetto.codiceAOO);
      return;
    }
    case 'PERSONA_GIURIDICA': {
      const persona = write(parent, 'PersonaGiuridica');
      write(persona, 'Denominazione', soggetto.denominazione);
      if (soggetto.codiceFiscale) write(persona, 'PIVAoCF', soggetto.codiceFiscale);
      return;
    }
    case 'PERSONA_FISICA': {
      const persona = write(parent, 'PersonaFisica');
      write(persona, 'Nome', soggetto.nome);
      write(persona, 'Cognome', soggetto.cognome);
      if (soggetto.codiceFiscale) write(persona, 'CodiceFiscale', soggetto.codiceFiscale);
      return;
    }
  }
}

function writeDocumento(write: Write, parent: Element, name: 'DocumentoPrimario' | 'Allegato', document: ProtocolDocumentRef): void {
  const element = write(parent, name, undefined, { nomeFile: document.nome, mimeType: mimeTypeOf(document) });
  write(element, 'Impronta', Buffer.from(document.sha256, 'hex').toString('base64'), { algoritmo: 'SHA-256' });
}

/**
 * The unsigned segnatura, in the XSD's element order. The AOO is the Destinatario of a registration in
 * entrata and the Mittente of one in uscita; the correspondent is the other side.
 */
export function buildSegnatura(data: SegnaturaData): string {
  const doc = new DOMImplementation().createDocument(PROTOCOLLO_NS, 'prot:SegnaturaInformatica', null);
  const root = doc.documentElement!;
  root.setAttributeNS(PROTOCOLLO_NS, 'prot:versione', '3.0.0');
  root.setAttributeNS(PROTOCOLLO_NS, 'prot:lang', 'it');
  const write = writer(doc);
  const when = romeDateTime(data.registeredAt);

  const intestazione = write(root, 'Intestazione');
  const identificatore = write(intestazione, 'Identificatore');
  write(identificatore, 'CodiceAmministrazione', data.amministrazione.codiceIPA, { descrizione: data.amministrazione.denominazione });
  write(identificatore, 'CodiceAOO', data.aoo);
  write(identificatore, 'CodiceRegistro', data.register);
  write(identificatore, 'NumeroRegistrazione', numeroRegistrazione(data.number));
  write(identificatore, 'DataRegistrazione', when.date);
  write(identificatore, 'OraRegistrazione', when.time);
  write(intestazione, 'Oggetto', data.oggetto);
  const classifica = write(intestazione, 'Classifica');
  write(classifica, 'Denominazione', data.classifica.denominazione);
  write(classifica, 'CodiceFlat', data.classifica.codice);
  if (data.fascicolo) {
    const fascicolo = write(intestazione, 'Fascicolo');
    write(fascicolo, 'Denominazione', data.fascicolo.denominazione);
    write(fascicolo, 'CodiceFascicolo', data.fascicolo.codice);
  }

  const aoo: Soggetto = { tipo: 'AMMINISTRAZIONE', denominazione: data.amministrazione.denominazione, codiceIPA: data.amministrazione.codiceIPA, codiceAOO: data.aoo };
  const [mittente, destinatario] = data.direction === 'ENTRATA' ? [data.corrispondente, aoo] : [aoo, data.corrispondente];
  const descrizione = write(root, 'Descrizione');
  writeSoggetto(write, write(descrizione, 'Mittente'), mittente);
  writeSoggetto(write, write(descrizione, 'Destinatario'), destinatario);
  writeDocumento(write, descrizione, 'DocumentoPrimario', data.documenti.primario);
  for (const allegato of data.documenti.allegati) writeDocumento(write, descrizione, 'Allegato', allegato);

  return new XMLSerializer().serializeToString(doc);
}
