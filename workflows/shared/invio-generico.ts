// What the API needs to start an invio generico and read its result, without importing workflow code.

import { workflowIdOf } from './procedure';
import { INVIO_GENERICO_PROCEDURE } from './procedures/invio-generico';

export const INVIO_GENERICO = INVIO_GENERICO_PROCEDURE.id;
export const INVIO_GENERICO_WORKFLOW = INVIO_GENERICO_PROCEDURE.workflowType;

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
  /** Days the Region has to take the communication in charge before the task is overdue: GIORNI_PRESA_IN_CARICO unless a test says otherwise. */
  giorniPresaInCarico?: number;
}

export interface InvioGenericoResult {
  protocollo: { numero: number; anno: number };
  esito: 'PRESA_IN_CARICO' | 'NON_DI_COMPETENZA';
}

/** The procedure's rule: the Region takes a communication in charge within 30 days. */
export const GIORNI_PRESA_IN_CARICO = 30;

export const invioGenericoWorkflowId = (communicationId: string) => workflowIdOf(INVIO_GENERICO_PROCEDURE, communicationId);
