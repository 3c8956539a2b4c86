import { defineProcedure } from '../procedure';

/** An ente asks to be accredited; the Region's istruttori review it and a dirigente signs the act. */
export const ACCREDITAMENTO_PROCEDURE = defineProcedure({
  id: 'accreditamento-ente',
  workflowType: 'accreditamentoEnte',
  label: 'Accreditamento ente',
  states: {
    INVIATA: 'Inviata',
    PROTOCOLLATA: 'Protocollata',
    INTEGRAZIONE_RICHIESTA: 'Integrazione richiesta',
    IN_FIRMA: 'In firma',
    RESPINTA: 'Respinta',
    DECADUTA: 'Decaduta',
    ACCREDITATA: 'Accreditata',
  },
  initialState: 'INVIATA',
  auditActions: {
    ACCREDITAMENTO_INVIATA: 'Richiesta di accreditamento inviata',
    ACCREDITAMENTO_PROTOCOLLATA: 'Protocollata in entrata',
    ACCREDITAMENTO_INTEGRAZIONE_RICHIESTA: 'Integrazione richiesta all’ente',
    ACCREDITAMENTO_INTEGRATA: 'Integrazione inviata dall’ente',
    ACCREDITAMENTO_IN_FIRMA: 'Provvedimento alla firma del dirigente',
    ACCREDITAMENTO_RESPINTA: 'Richiesta respinta',
    ACCREDITAMENTO_DECADUTA: 'Richiesta decaduta',
    ACCREDITAMENTO_ACCREDITATA: 'Ente accreditato',
  },
  forms: ['istruttoria-accreditamento', 'integrazione-accreditamento', 'firma-provvedimento'],
});
