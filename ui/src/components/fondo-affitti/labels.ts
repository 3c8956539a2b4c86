/** How the rent-support fund's states, shares and windows read: the procedures' own words, Italian numbers. */
import type { BandoStato, DomandaStato } from '@/services/fondo-affitti';
import { formatDate, formatGiorni } from '@/utils/format';
import { BANDO_FONDO_PROCEDURE, DOMANDA_FONDO_PROCEDURE } from '@shared/procedures';

export const BANDO_STATO: Readonly<Record<BandoStato, string>> = BANDO_FONDO_PROCEDURE.states;

export const BANDO_STATO_COLOR: Readonly<Record<BandoStato, string | undefined>> = {
  BOZZA: undefined,
  IN_FIRMA: 'warning',
  APERTO: 'primary',
  ISTRUTTORIA: 'info',
  RIPARTO: 'info',
  RIPARTITO: 'success',
  CONCLUSO: undefined,
};

export const DOMANDA_STATO: Readonly<Record<string, string>> = DOMANDA_FONDO_PROCEDURE.states;

const DOMANDA_STATO_COLOR: Readonly<Record<DomandaStato, string | undefined>> = {
  DA_PRESENTARE: 'warning',
  PRESENTATA: 'primary',
  INTEGRAZIONE_RICHIESTA: 'warning',
  AMMESSA: 'success',
  ESCLUSA: 'error',
  DECADUTA: 'error',
  NON_PRESENTATA: undefined,
  QUOTA_ASSEGNATA: 'success',
  LIQUIDATA: 'primary',
  RENDICONTAZIONE_IN_VERIFICA: 'info',
  RENDICONTAZIONE_INTEGRAZIONE: 'warning',
  RENDICONTATA: 'success',
  RENDICONTAZIONE_MANCATA: 'error',
};

export const domandaStatoLabel = (stato: string) => DOMANDA_STATO[stato] ?? 'Stato non riconosciuto';
export const domandaStatoColor = (stato: string) => DOMANDA_STATO_COLOR[stato as DomandaStato];

/** «dal 01/03/2027 al 31/03/2027» */
export const finestra = (apertura: string, scadenza: string) => `dal ${formatDate(apertura)} al ${formatDate(scadenza)}`;

export { formatPercentuale, formatQuota, formatScarto } from '@shared/percent';

/** «n. 12/2027», as a protocol number reads. */
export const formatProtocolloFondo = (protocollo: string) => `n. ${protocollo}`;

/** [-7, -2] → «7 giorni prima, 2 giorni prima»; [] → «nessuno». */
export const formatSolleciti = (days: readonly number[]) =>
  days.map((day) => (day < 0 ? `${formatGiorni(-day)} prima` : day === 0 ? 'il giorno della scadenza' : `${formatGiorni(day)} dopo`)).join(', ') || 'nessuno';
