// The workflow types of the platform's procedures, for what must cover each of them (the replay fixtures).
import { ACCREDITAMENTO_WORKFLOW } from './accreditamento';
import { INVIO_FLUSSI_WORKFLOW } from './flussi';
import { INVIO_GENERICO_WORKFLOW } from './invio-generico';
import { RICOGNIZIONE_WORKFLOW } from './ricognizione';

export const PROCEDURE_WORKFLOW_TYPES = [ACCREDITAMENTO_WORKFLOW, INVIO_GENERICO_WORKFLOW, INVIO_FLUSSI_WORKFLOW, RICOGNIZIONE_WORKFLOW] as const;
