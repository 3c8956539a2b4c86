import { defineProcedure } from '../procedure';

/** The Region's call of the rent-support fund (or of Morosità incolpevole): drafted, signed, open, decided, split. */
export const BANDO_FONDO_PROCEDURE = defineProcedure({
  id: 'bando-fondo-affitti',
  workflowType: 'bandoFondoAffitti',
  label: 'Bando Fondo affitti',
  states: {
    BOZZA: 'Bozza',
    IN_FIRMA: 'In firma',
    APERTO: 'Aperto alle domande',
    ISTRUTTORIA: 'Istruttoria delle domande',
    RIPARTO: 'Riparto in corso',
    RIPARTITO: 'Riparto firmato: liquidazioni e rendicontazioni',
    CONCLUSO: 'Concluso',
  },
  initialState: 'BOZZA',
  auditActions: {
    BANDO_CREATO: 'Bando creato',
    BANDO_MODIFICATO: 'Bozza del bando modificata',
    BANDO_INVIATO_ALLA_FIRMA: 'Bando inviato alla firma',
    BANDO_RINVIATO: 'Bando rinviato all’istruttore',
    BANDO_APERTO: 'Bando firmato e aperto',
    BANDO_PROROGATO: 'Scadenza del bando prorogata',
    BANDO_CHIUSO: 'Termine per le domande scaduto',
    ISTRUTTORIA_CONCLUSA: 'Istruttoria delle domande conclusa',
    RIPARTO_PROPOSTO: 'Riparto proposto',
    RIPARTO_FIRMATO: 'Riparto firmato',
    LIQUIDAZIONE_REGISTRATA: 'Liquidazione registrata',
    BANDO_CONCLUSO: 'Rendicontazioni concluse',
  },
  forms: ['firma-atto', 'proposta-riparto'],
});
