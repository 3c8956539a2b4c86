// What the platform knows of a procedure besides its workflow code: the API's lists and monitoring, the
// inbox's labels, the timeline and the search attributes all read it from here. Pure data, no Temporal
// import: the UI bundles it too (alias @shared).
import type { FormKey } from './forms';

export interface ProcedureDescriptor {
  /** The procedure's key: the PushProcedura search attribute, a task's `procedura`, the workflow id prefix. */
  readonly id: string;
  /** The workflow function's name, as the worker registers it. */
  readonly workflowType: string;
  readonly label: string;
  /** The business states (PushStato), in the order a procedure goes through them, with their labels. */
  readonly states: Readonly<Record<string, string>>;
  /** The state the search attributes hold from the start, before the workflow sets one. */
  readonly initialState: string;
  /** The audit trail's actions written for this procedure, as its timeline names them. */
  readonly auditActions: Readonly<Record<string, string>>;
  /** The task forms its human steps use. */
  readonly forms: readonly FormKey[];
}

/** Keeps the literal keys of a descriptor, so the workflow and the UI type-check the states they name. */
export const defineProcedure = <const D extends ProcedureDescriptor & { initialState: keyof D['states'] & string }>(descriptor: D): D => descriptor;

export type StateOf<D extends ProcedureDescriptor> = keyof D['states'] & string;

/** Every procedure's workflow id starts with its key: one id rule, for routing a workflow id back to its procedure. */
export const workflowIdOf = (procedure: Pick<ProcedureDescriptor, 'id'>, ...keys: string[]): string => [procedure.id, ...keys].join('-');
