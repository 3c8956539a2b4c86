import { defineProcedure } from '../procedure';

/** A Comune's application to a call of the rent-support fund: submitted, protocolled, decided, given its share. */
export const DOMANDA_FONDO_PROCEDURE = defineProcedure({
  id: 'domanda-fondo-affitti',
  workflowType: 'domandaFondoAffitti',
  label: 'Domanda Fondo affitti',
  states: {
    DA_PRESENTARE: 'Da presentare',
    PRESENTATA: 'Presentata',
    INTEGRAZIONE_RICHIESTA: 'Integrazione richiesta',
    AMMESSA: 'Ammessa',
    ESCLUSA: 'Esclusa',
    DECADUTA: 'Decaduta',
    NON_PRESENTATA: 'Non presentata',
    QUOTA_ASSEGNATA: 'Quota assegnata',
  },
  initialState: 'DA_PRESENTARE',
  auditActions: {
    DOMANDA_SALVATA: 'Bozza della domanda salvata',
    DOMANDA_PRESENTATA: 'Domanda presentata',
    DOMANDA_ESITO: 'Esito dell’istruttoria',
    BENEFICIARI_LETTI: 'Elenco dei beneficiari consultato',
  },
  forms: ['domanda-fondo-affitti', 'istruttoria-domanda-fondo', 'integrazione-domanda-fondo'],
});
