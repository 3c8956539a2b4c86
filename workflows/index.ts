// The barrel the worker bundles: every procedure's workflow.
export { accreditamentoEnte } from './accreditamento-ente';
export { invioFlussi } from './invio-flussi';
export { invioGenerico } from './invio-generico';
export { ricognizionePatrimoniale } from './ricognizione-patrimoniale';
export { riepilogoAttivita } from './riepilogo-attivita';
export { bandoFondoAffitti } from './bando-fondo-affitti';
export { domandaFondoAffitti } from './domanda-fondo-affitti';
