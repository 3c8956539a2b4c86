// The barrel the worker bundles: every procedure's workflow.
export { accreditamentoEnte } from './accreditamento-ente';
export { invioGenerico } from './invio-generico';
