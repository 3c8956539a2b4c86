// The PEC and notices the procedures send: each a template in templates/messages/<modello>.hbs, rendered by
// the activity that sends it. A workflow names the template and gives its values, typed here, so the texts
// live with the other documents and a workflow cannot send a message without the values its text needs.

/** Dates are ISO strings (the template formats them gg/mm/aaaa); protocol numbers "n/anno". */
export interface MessageValues {
  'accreditamento-integrazione': { denominazione: string; scadenza: string; richiesta: string };
  'accreditamento-decadenza': { denominazione: string; protocollo: string; scadenza: string };
  'accreditamento-rigetto': { denominazione: string; protocollo: string; motivazione: string };
  'accreditamento-provvedimento': { denominazione: string; protocollo: string };
  'flussi-ricevuta': { dataRiferimento: string; protocollo: string; unita: number };
  'ricognizione-avvio': { denominazione: string; dataRiferimento: string; scadenza: string };
  'ricognizione-sollecito': { denominazione: string; dataRiferimento: string; scadenza: string; scaduto: boolean };
  'fondo-avvio': { denominazione: string; titoloBando: string; protocollo: string; apertura: string; scadenza: string };
  'fondo-sollecito': { denominazione: string; titoloBando: string; scadenza: string; scaduto: boolean };
  'fondo-proroga': { denominazione: string; titoloBando: string; scadenza: string };
  'fondo-ricevuta': { denominazione: string; titoloBando: string; protocollo: string; fabbisogno: string };
  'fondo-integrazione': { denominazione: string; titoloBando: string; scadenza: string; richiesta: string };
  'fondo-decadenza': { denominazione: string; titoloBando: string; protocollo: string; scadenza: string };
  'fondo-esclusione': { denominazione: string; titoloBando: string; protocollo: string; motivazione: string };
  /** copertura: "75,43 %"; scoperto when the share is below the need. */
  'fondo-quota': { denominazione: string; titoloBando: string; protocollo: string; quota: string; fabbisogno: string; copertura: string; scoperto: boolean };
  /** dataAtto YYYY-MM-DD; scadenza when the rendicontazione is due. */
  'fondo-liquidazione': { denominazione: string; titoloBando: string; importo: string; numeroAtto: string; dataAtto: string; scadenza: string };
  'fondo-rendicontazione-integrazione': { denominazione: string; titoloBando: string; scadenza: string; richiesta: string };
  'fondo-rendicontazione-mancata': { denominazione: string; titoloBando: string; scadenza: string };
  'fondo-rendicontazione-sollecito': { denominazione: string; titoloBando: string; scadenza: string };
}

export type MessageTemplate = keyof MessageValues;

export type Message = { [K in MessageTemplate]: { modello: K; valori: MessageValues[K] } }[MessageTemplate];

/** What an incident about the message's delivery calls it. */
export const MESSAGE_TITLES: Record<MessageTemplate, string> = {
  'accreditamento-integrazione': 'richiesta di integrazione',
  'accreditamento-decadenza': 'decadenza della richiesta',
  'accreditamento-rigetto': 'rigetto della richiesta',
  'accreditamento-provvedimento': 'provvedimento di accreditamento',
  'flussi-ricevuta': 'ricevuta della trasmissione',
  'ricognizione-avvio': 'avvio della ricognizione',
  'ricognizione-sollecito': 'sollecito della ricognizione',
  'fondo-avvio': 'apertura del bando',
  'fondo-sollecito': 'sollecito del bando',
  'fondo-proroga': 'proroga del bando',
  'fondo-ricevuta': 'ricevuta della domanda',
  'fondo-integrazione': 'richiesta di integrazione della domanda',
  'fondo-decadenza': 'decadenza della domanda',
  'fondo-esclusione': 'esclusione della domanda',
  'fondo-quota': 'quota assegnata',
  'fondo-liquidazione': 'liquidazione della quota',
  'fondo-rendicontazione-integrazione': 'richiesta di correzione della rendicontazione',
  'fondo-rendicontazione-mancata': 'rendicontazione non presentata',
  'fondo-rendicontazione-sollecito': 'sollecito della rendicontazione',
};

export const message = <K extends MessageTemplate>(modello: K, valori: MessageValues[K]) => ({ modello, valori }) as Message;

/** "n/anno", as the messages cite a protocol registration. */
export const protocolloCitato = (registration: { number: number; year: number }) => `${registration.number}/${registration.year}`;
