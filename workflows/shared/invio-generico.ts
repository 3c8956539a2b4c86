// What the API needs to start an invio generico and read its result, without importing workflow code.

export const INVIO_GENERICO = 'invio-generico';
/** The workflow function's name, as the worker registers it. */
export const INVIO_GENERICO_WORKFLOW = 'invioGenerico';

export interface InvioGenericoInput {
  communicationId: string;
  enteId: string;
  enteDenominazione: string;
  oggetto: string;
  testo: string;
  /** The Region's ente, whose istruttori take the communication in charge. */
  regioneEnteId: string;
  /** The documents the protocol registers (the text as primary document, then the attachments), by hash. */
  documenti: { primario: { nome: string; sha256: string }; allegati: { nome: string; sha256: string }[] };
  /** Days the Region has to take the communication in charge before the task is overdue. */
  giorniPresaInCarico: number;
}

export interface InvioGenericoResult {
  protocollo: { numero: number; anno: number };
  esito: 'PRESA_IN_CARICO' | 'NON_DI_COMPETENZA';
}

export const invioGenericoWorkflowId = (communicationId: string) => `${INVIO_GENERICO}-${communicationId}`;
