// A procedure's business state lives in its search attributes: the monitoring page filters by it and the
// descriptor names it. Typed by the descriptor, so a workflow cannot set a state nobody can label.
import { upsertSearchAttributes } from '@temporalio/workflow';
import { SA_STATO } from '../../temporal-config/settings';
import type { ProcedureDescriptor, StateOf } from '../shared/procedure';

export function setBusinessState<D extends ProcedureDescriptor>(_procedure: D, state: StateOf<D>): void {
  upsertSearchAttributes([{ key: SA_STATO, value: state }]);
}
