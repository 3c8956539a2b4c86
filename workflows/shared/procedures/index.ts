// Every procedure the platform runs, and what is said the same way of all of them. A workflow exported by
// workflows/index.ts without a descriptor here fails tests/workflows/shared/descriptors.test.ts.
import type { ProcedureDescriptor } from '../procedure';
import { ACCREDITAMENTO_PROCEDURE } from './accreditamento-ente';
import { BANDO_FONDO_PROCEDURE } from './bando-fondo-affitti';
import { DOMANDA_FONDO_PROCEDURE } from './domanda-fondo-affitti';
import { INVIO_FLUSSI_PROCEDURE } from './invio-flussi';
import { INVIO_GENERICO_PROCEDURE } from './invio-generico';
import { RICOGNIZIONE_PROCEDURE } from './ricognizione-patrimoniale';
import { RIEPILOGO_ATTIVITA_PROCEDURE } from './riepilogo-attivita';

export { ACCREDITAMENTO_PROCEDURE, BANDO_FONDO_PROCEDURE, DOMANDA_FONDO_PROCEDURE, INVIO_FLUSSI_PROCEDURE, INVIO_GENERICO_PROCEDURE, RICOGNIZIONE_PROCEDURE, RIEPILOGO_ATTIVITA_PROCEDURE };

export const PROCEDURES = [ACCREDITAMENTO_PROCEDURE, INVIO_GENERICO_PROCEDURE, INVIO_FLUSSI_PROCEDURE, RICOGNIZIONE_PROCEDURE, RIEPILOGO_ATTIVITA_PROCEDURE, BANDO_FONDO_PROCEDURE, DOMANDA_FONDO_PROCEDURE] as const;

export type ProcedureId = (typeof PROCEDURES)[number]['id'];

export const PROCEDURE_WORKFLOW_TYPES = PROCEDURES.map((procedure) => procedure.workflowType);

/** States any procedure can reach whatever its own: the administrator closes it from an incident. */
export const PLATFORM_STATES = { CHIUSA_DA_AMMINISTRATORE: 'Chiusa dall’amministratore' } as const;

/** Actions every procedure's timeline may show: its tasks and its incidents. */
export const PLATFORM_AUDIT_ACTIONS = {
  ATTIVITA_PRESA_IN_CARICO: 'Attività presa in carico',
  ATTIVITA_RILASCIATA: 'Attività rilasciata',
  ATTIVITA_RIASSEGNATA: 'Attività riassegnata',
  ATTIVITA_COMPLETATA: 'Attività completata',
  INCIDENTE_APERTO: 'Incidente',
  INCIDENTE_RITENTATO: 'Incidente: passo ritentato',
  INCIDENTE_RISOLTO: 'Incidente risolto',
  ENTE_PEC_CORRETTA: 'Indirizzo PEC dell’ente corretto',
} as const;

export function procedureById(id: string): ProcedureDescriptor | undefined {
  return PROCEDURES.find((procedure) => procedure.id === id);
}

export const procedureLabel = (id: string): string => procedureById(id)?.label ?? id;

/** A business state's label, in the procedure's own words when it is known. */
export function stateLabel(state: string, procedureId?: string | null): string {
  const own = procedureId ? procedureById(procedureId)?.states[state] : undefined;
  return own ?? BUSINESS_STATES[state] ?? state;
}

/** Every business state of every procedure, for a filter across procedures (same key, same word). */
export const BUSINESS_STATES: Readonly<Record<string, string>> = Object.assign({}, ...PROCEDURES.map((procedure) => procedure.states), PLATFORM_STATES);

export const AUDIT_ACTIONS: Readonly<Record<string, string>> = Object.assign({}, PLATFORM_AUDIT_ACTIONS, ...PROCEDURES.map((procedure) => procedure.auditActions));

export const auditActionLabel = (action: string): string => AUDIT_ACTIONS[action] ?? action;
