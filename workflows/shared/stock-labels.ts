// How the stock's enums read in Italian: the same words on the pages (alias @shared), in the exports and
// in the documents. The exports type-check these against the database's enums.

export const STATO_UNITA_LABEL = {
  LOCATO: 'Locato',
  LIBERO: 'Libero',
  SFITTO_CARENZE_MANUTENTIVE: 'Sfitto per carenze manutentive',
  SFITTO_RISTRUTTURAZIONE: 'Sfitto per ristrutturazione',
  OCCUPATO_SENZA_TITOLO: 'Occupato senza titolo',
  ALIENATO: 'Alienato',
  DEMOLITO: 'Demolito',
} as const;

export const USO_UNITA_LABEL = {
  SAP: 'Servizi abitativi pubblici',
  SAS: 'Servizi abitativi sociali',
  ALTRO: 'Altro uso',
} as const;
