import { defineProcedure } from '../procedure';

/** A Comune's application to a call of the rent-support fund: submitted, protocolled, decided, given its share, paid, reported. */
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
    LIQUIDATA: 'Liquidata, da rendicontare',
    RENDICONTAZIONE_IN_VERIFICA: 'Rendicontazione in verifica',
    RENDICONTAZIONE_INTEGRAZIONE: 'Rendicontazione da correggere',
    RENDICONTATA: 'Rendicontata',
    RENDICONTAZIONE_MANCATA: 'Rendicontazione non presentata',
  },
  initialState: 'DA_PRESENTARE',
  auditActions: {
    DOMANDA_SALVATA: 'Bozza della domanda salvata',
    DOMANDA_PRESENTATA: 'Domanda presentata',
    DOMANDA_ESITO: 'Esito dell’istruttoria',
    BENEFICIARI_LETTI: 'Elenco dei beneficiari consultato',
    QUOTA_ASSEGNATA: 'Quota assegnata dal riparto',
    GRADUATORIA_RIDETERMINATA: 'Graduatoria rideterminata pubblicata',
    QUOTA_LIQUIDATA: 'Quota liquidata',
    RENDICONTAZIONE_PRESENTATA: 'Rendicontazione presentata',
    RENDICONTAZIONE_DA_CORREGGERE: 'Correzione della rendicontazione richiesta',
    RENDICONTAZIONE_APPROVATA: 'Rendicontazione approvata',
    RENDICONTAZIONE_MANCATA: 'Rendicontazione non presentata',
  },
  forms: ['domanda-fondo-affitti', 'istruttoria-domanda-fondo', 'integrazione-domanda-fondo', 'graduatoria-rideterminata', 'rendicontazione-fondo', 'verifica-rendicontazione-fondo'],
});
