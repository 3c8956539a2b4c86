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
};

export const message = <K extends MessageTemplate>(modello: K, valori: MessageValues[K]) => ({ modello, valori }) as Message;

/** "n/anno", as the messages cite a protocol registration. */
export const protocolloCitato = (registration: { number: number; year: number }) => `${registration.number}/${registration.year}`;
