// How the stock's enums read in Italian, for the exports (and any page that shows them).
import type { StatoUnita, UsoUnita } from '../../prisma/generated/enums';

export const STATO_UNITA_LABEL: Record<StatoUnita, string> = {
  LOCATO: 'Locato',
  LIBERO: 'Libero',
  SFITTO_CARENZE_MANUTENTIVE: 'Sfitto per carenze manutentive',
  SFITTO_RISTRUTTURAZIONE: 'Sfitto per ristrutturazione',
  OCCUPATO_SENZA_TITOLO: 'Occupato senza titolo',
  ALIENATO: 'Alienato',
  DEMOLITO: 'Demolito',
};

export const USO_UNITA_LABEL: Record<UsoUnita, string> = {
  SAP: 'Servizi abitativi pubblici',
  SAS: 'Servizi abitativi sociali',
  ALTRO: 'Altro',
};
