import type { AccreditamentoStato, EnteTipo } from '@/services/accreditamenti';
import type { ComunicazioneStato } from '@/services/comunicazioni';
import type { IncidenteStato } from '@/services/incidenti';
import type { PecStato, RicevutaTipo } from '@/services/pec';
import type { Esecuzione } from '@/services/procedure';
import type { Area, Ruolo } from '@/services/session';
import type { TaskHistoryTipo, TaskScadenza, TaskStato } from '@/services/tasks';

/** Italian labels (and chip colours) for the API's enumerations. */

export interface Option<T extends string = string> {
  value: T;
  title: string;
}

export const toOptions = <T extends string>(labels: Record<T, string>): Option<T>[] =>
  (Object.keys(labels) as T[]).map((value) => ({ value, title: labels[value] }));

export const RUOLO: Record<Ruolo, string> = {
  RAPPRESENTANTE_LEGALE: 'Rappresentante legale',
  REFERENTE: 'Referente',
  ISTRUTTORE: 'Istruttore',
  DIRIGENTE: 'Dirigente',
  AMMINISTRATORE: 'Amministratore',
};

export const AREA: Record<Area, string> = {
  PATRIMONIO: 'Patrimonio',
  FONDO_AFFITTI: 'Fondo affitti',
  PIANI_VENDITA: 'Piani di vendita',
  PROGRAMMAZIONE: 'Programmazione',
  CANTIERI: 'Cantieri',
  COMUNICAZIONI: 'Comunicazioni',
};

export const TASK_STATO: Record<TaskStato, string> = {
  APERTA: 'Aperta',
  COMPLETATA: 'Completata',
  ANNULLATA: 'Annullata',
};

export const TASK_STATO_COLOR: Record<TaskStato, string> = {
  APERTA: 'primary',
  COMPLETATA: 'success',
  ANNULLATA: 'secondary',
};

export const TASK_SCADENZA: Record<TaskScadenza, string> = {
  scadute: 'Scadute',
  oggi: 'In scadenza oggi',
  settimana: 'Entro 7 giorni',
};

export const TASK_HISTORY: Record<TaskHistoryTipo, string> = {
  CREATA: 'Attività creata',
  PRESA_IN_CARICO: 'Presa in carico',
  RILASCIATA: 'Rilasciata',
  RIASSEGNATA: 'Riassegnata',
  COMPLETATA: 'Completata',
  ANNULLATA: 'Annullata',
};

export const COMUNICAZIONE_STATO: Record<ComunicazioneStato, string> = {
  INVIATA: 'Inviata',
  PROTOCOLLATA: 'Protocollata',
  PRESA_IN_CARICO: 'Presa in carico',
  NON_DI_COMPETENZA: 'Non di competenza',
};

export const COMUNICAZIONE_STATO_COLOR: Record<ComunicazioneStato, string> = {
  INVIATA: 'secondary',
  PROTOCOLLATA: 'info',
  PRESA_IN_CARICO: 'success',
  NON_DI_COMPETENZA: 'warning',
};

export const ENTE_TIPO: Record<EnteTipo, string> = {
  COMUNE: 'Comune',
  ARCA: 'ARCA',
  ALER: 'ALER',
  ALTRO: 'Altro ente',
};

export const ACCREDITAMENTO_STATO: Record<AccreditamentoStato, string> = {
  INVIATA: 'Inviata',
  PROTOCOLLATA: 'Protocollata',
  INTEGRAZIONE_RICHIESTA: 'Integrazione richiesta',
  IN_FIRMA: 'In firma',
  RESPINTA: 'Respinta',
  DECADUTA: 'Decaduta',
  ACCREDITATA: 'Accreditata',
};

export const ACCREDITAMENTO_STATO_COLOR: Record<AccreditamentoStato, string> = {
  INVIATA: 'secondary',
  PROTOCOLLATA: 'info',
  INTEGRAZIONE_RICHIESTA: 'warning',
  IN_FIRMA: 'primary',
  RESPINTA: 'error',
  DECADUTA: 'secondary',
  ACCREDITATA: 'success',
};

/** A procedure's business state, as the admin filter offers it (the states of the procedures PUSH runs). */
export const STATO_PRATICA: Record<string, string> = { ...COMUNICAZIONE_STATO, ...ACCREDITAMENTO_STATO };

export const INCIDENTE_STATO: Record<IncidenteStato, string> = {
  APERTO: 'Aperto',
  RITENTATO: 'Ritentato',
  RISOLTO: 'Risolto',
};

export const INCIDENTE_STATO_COLOR: Record<IncidenteStato, string> = {
  APERTO: 'error',
  RITENTATO: 'info',
  RISOLTO: 'success',
};

export const PEC_STATO: Record<PecStato, string> = {
  INVIATO: 'Inviato',
  ACCETTATO: 'Accettato',
  CONSEGNATO: 'Consegnato',
  ERRORE: 'Errore',
};

export const PEC_STATO_COLOR: Record<PecStato, string> = {
  INVIATO: 'secondary',
  ACCETTATO: 'info',
  CONSEGNATO: 'success',
  ERRORE: 'error',
};

export const RICEVUTA: Record<RicevutaTipo, string> = {
  accettazione: 'Ricevuta di accettazione',
  'non-accettazione': 'Ricevuta di non accettazione',
  'avvenuta-consegna': 'Ricevuta di avvenuta consegna',
  'errore-consegna': 'Ricevuta di mancata consegna',
  'preavviso-errore-consegna': 'Preavviso di mancata consegna',
};

export const ESECUZIONE: Record<Esecuzione, string> = {
  Running: 'In corso',
  Completed: 'Completata',
  Failed: 'Fallita',
  Canceled: 'Annullata',
  Terminated: 'Terminata',
  TimedOut: 'Tempo scaduto',
};

export const ESECUZIONE_COLOR: Record<Esecuzione, string> = {
  Running: 'primary',
  Completed: 'success',
  Failed: 'error',
  Canceled: 'secondary',
  Terminated: 'warning',
  TimedOut: 'error',
};

/** Looks up a label, falling back to the raw value for one the UI does not know yet. */
export const labelOf = (labels: Record<string, string>, value: string | null | undefined): string =>
  value ? (labels[value] ?? value) : '—';
