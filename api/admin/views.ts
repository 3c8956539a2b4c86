// The administrators' answers: procedures from Temporal's visibility store, and incidents (types only;
// see api/views.ts).
import type { TimelineEntry } from '../tasks/views';

/** Temporal's execution statuses, as the API passes them through. */
export type Esecuzione = 'Running' | 'Completed' | 'Failed' | 'Canceled' | 'Terminated' | 'TimedOut' | 'ContinuedAsNew';

export interface ProceduraSummary {
  workflowId: string;
  runId: string;
  tipo: string;
  tipoLabel: string;
  enteId: string | null;
  enteDenominazione: string | null;
  statoPratica: string | null;
  statoPraticaLabel: string | null;
  esecuzione: Esecuzione;
  startTime: string | null;
  closeTime: string | null;
  temporalUiUrl: string | null;
}

export interface ProceduraDetail extends ProceduraSummary {
  /** Its steps as its people see them (the business timeline). */
  passi: TimelineEntry[];
  /** The page of the request, communication, transmission or campaign: null when it has none. */
  paginaPratica: string | null;
  /** Its open tasks: who has what to do. */
  attivita: { id: string; titolo: string; assegnatario: string | null; dueAt: string | null }[];
  incidenti: Pick<Incidente, 'id' | 'step' | 'errore' | 'stato' | 'createdAt'>[];
  /** Temporal's events, for engineers. */
  history: { eventId: number; eventType: string; time: string | null }[];
}

export interface ProcedurePage {
  items: ProceduraSummary[];
  /** The next page's token, null on the last page. */
  nextPageToken: string | null;
}

export type IncidenteStato = 'APERTO' | 'RITENTATO' | 'RISOLTO';

/** A step of a procedure that failed for good and waits for an administrator. */
export interface Incidente {
  id: string;
  workflowId: string;
  step: string;
  errore: string;
  stato: IncidenteStato;
  enteId: string | null;
  enteDenominazione: string | null;
  /** The address a PEC could not be delivered to: a retry may send to a corrected one. */
  pec: string | null;
  createdAt: string;
  closedAt: string | null;
  chiusoDa: string | null;
  nota: string | null;
}
