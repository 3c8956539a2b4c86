import { defineProcedure } from '../procedure';

/**
 * Each morning, by a Temporal schedule, every person who has not turned it off receives an e-mail (not
 * PEC) of their tasks: those new since the last one and those overdue. A platform job rather than an
 * administrative procedure, it is one all the same for the monitoring: its runs and incidents are listed.
 */
export const RIEPILOGO_ATTIVITA_PROCEDURE = defineProcedure({
  id: 'riepilogo-attivita',
  workflowType: 'riepilogoAttivita',
  label: 'Riepilogo giornaliero delle attività',
  states: {
    IN_INVIO: 'In invio',
    INVIATO: 'Inviato',
  },
  initialState: 'IN_INVIO',
  auditActions: {},
  forms: [],
});

export interface RiepilogoAttivitaInput {
  regioneEnteId: string;
  /** The day (aaaa-mm-gg, in Italy) it is for; today when absent, as the schedule starts it. */
  giorno?: string;
}

export interface RiepilogoAttivitaResult {
  giorno: string;
  /** E-mails sent by this run. */
  inviati: number;
  /** People with nothing new nor overdue: no e-mail. */
  senzaNovita: number;
}

/** People per activity: a retry repeats little, and the history stays short for thousands of people. */
export const DIGESTS_PER_ACTIVITY = 25;
