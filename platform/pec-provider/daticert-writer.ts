// Writes daticert.xml as the PEC technical rules describe it (DM 2 November 2005, allegato), built as a
// DOM and serialized, so that addresses and subjects are always escaped correctly.
import { DOMImplementation, type Element, XMLSerializer } from '@xmldom/xmldom';
import type { DaticertErrore } from '../../activities/pec/daticert';
import type { ReceiptTipo } from '../../activities/pec/pec';

/** The receipts, and the transport envelope (busta di trasporto) a recipient receives. */
export type DaticertTipo = ReceiptTipo | 'posta-certificata';

export interface DaticertData {
  tipo: DaticertTipo;
  errore: DaticertErrore;
  mittente: string;
  destinatari: string[];
  risposte: string;
  oggetto: string;
  gestoreEmittente: string;
  at: Date;
  identificativo: string;
  msgid: string;
  consegna?: string;
  erroreEsteso?: string;
}

/** The certified time in Italian civil time, as daticert writes it: dd/mm/yyyy, hh:mm:ss and ±hhmm. */
export function romeTime(at: Date): { giorno: string; ora: string; zona: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Rome', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', timeZoneName: 'longOffset',
    }).formatToParts(at).map((part) => [part.type, part.value]),
  );
  // "GMT+01:00", or "GMT" at a zero offset.
  const offset = /GMT([+-])(\d{2}):(\d{2})/.exec(parts.timeZoneName ?? '');
  return {
    giorno: `${parts.day}/${parts.month}/${parts.year}`,
    ora: `${parts.hour}:${parts.minute}:${parts.second}`,
    zona: offset ? `${offset[1]}${offset[2]}${offset[3]}` : '+0000',
  };
}

export function writeDaticert(data: DaticertData): string {
  const document = new DOMImplementation().createDocument(null, 'postacert', null);
  const add = (parent: Element, name: string, text?: string): Element => {
    const element = document.createElement(name);
    if (text !== undefined) element.appendChild(document.createTextNode(text));
    parent.appendChild(element);
    return element;
  };
  const root = document.documentElement!;
  root.setAttribute('tipo', data.tipo);
  root.setAttribute('errore', data.errore);

  const intestazione = add(root, 'intestazione');
  add(intestazione, 'mittente', data.mittente);
  for (const destinatario of data.destinatari) add(intestazione, 'destinatari', destinatario).setAttribute('tipo', 'certificato');
  add(intestazione, 'risposte', data.risposte);
  add(intestazione, 'oggetto', data.oggetto);

  const dati = add(root, 'dati');
  add(dati, 'gestore-emittente', data.gestoreEmittente);
  const { giorno, ora, zona } = romeTime(data.at);
  const when = add(dati, 'data');
  when.setAttribute('zona', zona);
  add(when, 'giorno', giorno);
  add(when, 'ora', ora);
  add(dati, 'identificativo', data.identificativo);
  add(dati, 'msgid', data.msgid);
  // The rules' <ricevuta tipo="completa"/>: the consegna receipts carry the whole original message.
  if (data.tipo === 'avvenuta-consegna') add(dati, 'ricevuta').setAttribute('tipo', 'completa');
  if (data.consegna !== undefined) add(dati, 'consegna', data.consegna);
  if (data.erroreEsteso !== undefined) add(dati, 'errore-esteso', data.erroreEsteso);

  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(document)}\n`;
}
