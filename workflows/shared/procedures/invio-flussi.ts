import { defineProcedure } from '../procedure';

/** An ente transmits its housing stock at a reference date: uploads validated, one confirmed and protocolled. */
export const INVIO_FLUSSI_PROCEDURE = defineProcedure({
  id: 'invio-flussi',
  workflowType: 'invioFlussi',
  label: 'Invio flussi patrimoniali',
  states: {
    IN_ATTESA: 'In attesa',
    FLUSSO_CON_ERRORI: 'Flusso con errori',
    FLUSSO_VALIDATO: 'Flusso validato',
    TRASMESSO: 'Trasmesso',
  },
  initialState: 'IN_ATTESA',
  auditActions: {
    FLUSSO_CARICATO: 'Flusso caricato',
  },
  forms: ['trasmissione-flusso'],
});
