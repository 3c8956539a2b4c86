// What the API needs to start an accreditamento and talk to it, without importing workflow code.

import { workflowIdOf } from './procedure';
import { ACCREDITAMENTO_PROCEDURE } from './procedures/accreditamento-ente';

export const ACCREDITAMENTO = ACCREDITAMENTO_PROCEDURE.id;
export const ACCREDITAMENTO_WORKFLOW = ACCREDITAMENTO_PROCEDURE.workflowType;

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
  /** Days the istruttori have for each review before the task is overdue. */
  giorniIstruttoria: number;
  /** How long a "day" of the deadlines lasts: a real day unless a test or a demo shortens it. */
  durataGiornoMs?: number;
}

export type AccreditamentoEsito = 'ACCREDITATA' | 'RESPINTA' | 'DECADUTA';
