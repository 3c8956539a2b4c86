// The inbox's answers (types only; see api/views.ts).
import type { Area, Ruolo } from '../../workflows/shared/actor';
import type { FileRef, Person } from '../views';

export type TaskStato = 'APERTA' | 'COMPLETATA' | 'ANNULLATA';
export type TaskHistoryTipo = 'CREATA' | 'PRESA_IN_CARICO' | 'RILASCIATA' | 'RIASSEGNATA' | 'COMPLETATA' | 'ANNULLATA' | 'SCADENZA_MODIFICATA' | 'COMMENTO';

export interface TaskSummary {
  id: string;
  titolo: string;
  procedura: string;
  proceduraLabel: string;
  /** The ente whose matter it is (a member Comune, also when its capofila acts). */
  enteId: string;
  enteDenominazione: string;
  candidateRole: Ruolo;
  candidateArea: Area | null;
  assignee: Person | null;
  dueAt: string | null;
  scaduta: boolean;
  stato: TaskStato;
  createdAt: string;
  completedAt: string | null;
  /** A completed task's outcome in words («Approva», «Presa in carico», «Flusso confermato»). */
  esito: string | null;
}

/** How many tasks each tab of the inbox holds. */
export type TaskCounts = Record<'da-fare' | 'mie' | 'gruppi' | 'completate', number>;

/** What happened to a procedure, from its audit rows: the task page's timeline. */
export interface TimelineEntry {
  at: string;
  titolo: string;
  descrizione: string;
  actor: string | null;
}

export interface TaskDetail extends TaskSummary {
  formKey: string;
  data: Record<string, unknown>;
  outcome: Record<string, unknown> | null;
  workflowId: string;
  /** Every document of the task's procedure, oldest first. */
  documents: FileRef[];
  /** `descrizione` says the event in words; `details` are its raw data, for engineers. */
  /** Events and comments; a comment's text is its `descrizione`, its files `allegati`. */
  history: { at: string; tipo: TaskHistoryTipo; actor: Person | null; details: unknown; descrizione: string; allegati?: FileRef[] }[];
  timeline: TimelineEntry[];
  canClaim: boolean;
  canRelease: boolean;
  canReassign: boolean;
  canComplete: boolean;
}

/** A saved inbox view: its name and the inbox's query it opens. */
export interface SavedTaskViewSummary {
  id: string;
  nome: string;
  query: Record<string, string>;
}

/** What a bulk action did to one task: done, or refused with the reason in words. */
export interface BulkOutcome {
  taskId: string;
  ok: boolean;
  messaggio?: string;
}
