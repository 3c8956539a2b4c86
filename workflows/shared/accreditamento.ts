// What the API needs to start an accreditamento and talk to it, without importing workflow code.

import { workflowIdOf, type StateOf } from './procedure';
import { ACCREDITAMENTO_PROCEDURE } from './procedures/accreditamento-ente';

export const ACCREDITAMENTO = ACCREDITAMENTO_PROCEDURE.id;
export const ACCREDITAMENTO_WORKFLOW = ACCREDITAMENTO_PROCEDURE.workflowType;

/** The procedure's rule: 30 days for each review by the istruttori. */
export const GIORNI_ISTRUTTORIA = 30;

/** The states of a request still in progress: while one is, the ente cannot file another. */
export const ACCREDITAMENTO_PENDING_STATES = ['INVIATA', 'PROTOCOLLATA', 'INTEGRAZIONE_RICHIESTA', 'IN_FIRMA'] as const satisfies readonly StateOf<typeof ACCREDITAMENTO_PROCEDURE>[];

export const accreditamentoWorkflowId = (requestId: string) => workflowIdOf(ACCREDITAMENTO_PROCEDURE, requestId);

export interface AccreditamentoInput {
  requestId: string;
  richiedenteId: string;
  enteId: string;
  denominazione: string;
  codiceFiscale: string;
  pec: string;
  sede: string;
  rappresentante: { nome: string; cognome: string; codiceFiscale: string; qualifica: string };
  attoNomina: { documentId: string; nome: string; sha256: string };
  regioneEnteId: string;
  /** Days the istruttori have for each review before the task is overdue: GIORNI_ISTRUTTORIA unless a test says otherwise. */
  giorniIstruttoria?: number;
  /** How long a "day" of the deadlines lasts: a real day unless a test or a demo shortens it. */
  durataGiornoMs?: number;
}

export type AccreditamentoEsito = 'ACCREDITATA' | 'RESPINTA' | 'DECADUTA';
