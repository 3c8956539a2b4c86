import { defineProcedure } from '../procedure';

/** An ente sends the Region a communication; it is protocolled in and an istruttore takes it in charge. */
export const INVIO_GENERICO_PROCEDURE = defineProcedure({
  id: 'invio-generico',
  workflowType: 'invioGenerico',
  label: 'Invio generico',
  states: {
    INVIATA: 'Inviata',
    PROTOCOLLATA: 'Protocollata',
    PRESA_IN_CARICO: 'Presa in carico',
    NON_DI_COMPETENZA: 'Non di competenza',
  },
  initialState: 'INVIATA',
  auditActions: {
    COMUNICAZIONE_INVIATA: 'Comunicazione inviata',
    COMUNICAZIONE_PROTOCOLLATA: 'Protocollata in entrata',
    COMUNICAZIONE_PRESA_IN_CARICO: 'Presa in carico dalla Regione',
    COMUNICAZIONE_NON_DI_COMPETENZA: 'Dichiarata non di competenza',
  },
  forms: ['presa-in-carico'],
});
