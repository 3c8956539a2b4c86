import { defineProcedure } from '../procedure';

/** The Region's campaign asking every ente in scope to transmit its stock at a reference date. */
export const RICOGNIZIONE_PROCEDURE = defineProcedure({
  id: 'ricognizione-patrimoniale',
  workflowType: 'ricognizionePatrimoniale',
  label: 'Ricognizione patrimoniale',
  states: {
    APERTA: 'Aperta',
    CHIUSA: 'Chiusa',
  },
  initialState: 'APERTA',
  auditActions: {
    RICOGNIZIONE_APERTA: 'Ricognizione aperta',
    RICOGNIZIONE_PROROGATA: 'Scadenza prorogata',
    RICOGNIZIONE_CHIUSA: 'Ricognizione chiusa',
  },
  forms: [],
});
