// The barrel the worker bundles: every procedure's workflow.
export { invioGenerico } from './invio-generico';
