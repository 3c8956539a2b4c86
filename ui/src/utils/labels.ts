import type { AccreditamentoStato, EnteTipo } from '@/services/accreditamenti';
import type { ComunicazioneStato } from '@/services/comunicazioni';
import type { EnteStato } from '@/services/enti';
import type {
  EsitoCaricamento,
  FlussoStato,
  Gravita,
  SnapshotTipo,
  StatoConservazione,
} from '@/services/flussi';
import type { IncidenteStato } from '@/services/incidenti';
import type { Lista, StatoUnita, UsoUnita } from '@/services/patrimonio';
import type { PecStato, RicevutaTipo } from '@/services/pec';
import type { EsitoRicognizione, RicognizioneStato } from '@/services/ricognizioni';
import type { Esecuzione } from '@/services/procedure';
import type { Area, Ruolo } from '@/services/session';
import type { TaskHistoryTipo, TaskScadenza, TaskStato } from '@/services/tasks';

import {
  ACCREDITAMENTO_PROCEDURE,
  BUSINESS_STATES,
  INVIO_FLUSSI_PROCEDURE,
  INVIO_GENERICO_PROCEDURE,
  PROCEDURES,
  RICOGNIZIONE_PROCEDURE,
} from '@shared/procedures';
import { STATO_UNITA_LABEL, USO_UNITA_LABEL } from '@shared/stock-labels';

/** Italian labels (and chip colours) for the API's enumerations; the procedures' own from their descriptors. */

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
  SCADENZA_MODIFICATA: 'Scadenza modificata',
  COMMENTO: 'Commento',
};

export const COMUNICAZIONE_STATO: Record<ComunicazioneStato, string> = INVIO_GENERICO_PROCEDURE.states;

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

/** Where an ente stands on the platform (not the procedure of its accreditation). */
export const ENTE_STATO: Record<EnteStato, string> = {
  ATTIVO: 'Accreditato',
  NON_ACCREDITATO: 'Non accreditato',
  SOSPESO: 'Sospeso',
};

export const ACCREDITAMENTO_STATO: Record<AccreditamentoStato, string> = ACCREDITAMENTO_PROCEDURE.states;

export const ACCREDITAMENTO_STATO_COLOR: Record<AccreditamentoStato, string> = {
  INVIATA: 'secondary',
  PROTOCOLLATA: 'info',
  INTEGRAZIONE_RICHIESTA: 'warning',
  IN_FIRMA: 'primary',
  RESPINTA: 'error',
  DECADUTA: 'secondary',
  ACCREDITATA: 'success',
};

export const FLUSSO_STATO: Record<FlussoStato, string> = INVIO_FLUSSI_PROCEDURE.states;

export const RICOGNIZIONE_STATO: Record<RicognizioneStato, string> = RICOGNIZIONE_PROCEDURE.states;

/** A procedure's business state, as the admin filter offers it (the states of the procedures PUSH runs). */
export const STATO_PRATICA: Readonly<Record<string, string>> = BUSINESS_STATES;

/** The procedures' names where the UI shows one itself (lists and tasks carry the API's label). */
export const PROCEDURA: Readonly<Record<string, string>> = Object.fromEntries(PROCEDURES.map((procedure) => [procedure.id, procedure.label]));

export const ESITO_RICOGNIZIONE: Record<EsitoRicognizione, string> = {
  IN_ATTESA: 'In attesa',
  TRASMESSO: 'Trasmesso',
  CONSISTENZA_NULLA: 'Consistenza nulla',
  NESSUNA_VARIAZIONE: 'Nessuna variazione',
};

export const ESITO_RICOGNIZIONE_COLOR: Record<EsitoRicognizione, string> = {
  IN_ATTESA: 'warning',
  TRASMESSO: 'success',
  CONSISTENZA_NULLA: 'info',
  NESSUNA_VARIAZIONE: 'primary',
};

export const ESITO_CARICAMENTO: Record<EsitoCaricamento, string> = {
  VALIDO: 'Valido',
  CON_AVVISI: 'Con avvisi',
  CON_ERRORI: 'Con errori',
};

export const ESITO_CARICAMENTO_COLOR: Record<EsitoCaricamento, string> = {
  VALIDO: 'success',
  CON_AVVISI: 'warning',
  CON_ERRORI: 'error',
};

export const GRAVITA: Record<Gravita, string> = {
  ERRORE: 'Errore',
  AVVISO: 'Avviso',
};

export const GRAVITA_COLOR: Record<Gravita, string> = {
  ERRORE: 'error',
  AVVISO: 'warning',
};

export const SNAPSHOT_TIPO: Record<SnapshotTipo, string> = {
  FLUSSO: 'Flusso caricato',
  MANUALE: 'Inserimento manuale',
  CONSISTENZA_NULLA: 'Consistenza nulla',
  NESSUNA_VARIAZIONE: 'Nessuna variazione',
};

export const STATO_CONSERVAZIONE: Record<StatoConservazione, string> = {
  BUONO: 'Buono',
  MEDIOCRE: 'Mediocre',
  SCADENTE: 'Scadente',
};

/** The validation's phases, as `/avanzamento` names them. */
export const FASE_VALIDAZIONE: Record<string, string> = {
  lettura: 'Lettura del file',
  schema: 'Controllo dello schema',
  regole: 'Controllo delle regole',
  completata: 'Validazione completata',
};

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
  ContinuedAsNew: 'Proseguita in una nuova esecuzione',
};

export const ESECUZIONE_COLOR: Record<Esecuzione, string> = {
  Running: 'primary',
  Completed: 'success',
  Failed: 'error',
  Canceled: 'secondary',
  Terminated: 'warning',
  TimedOut: 'error',
  ContinuedAsNew: 'secondary',
};

/** The states of a housing unit, as the flusso and the anagrafe name them. */
export const STATO_UNITA: Record<StatoUnita, string> = STATO_UNITA_LABEL;

export const STATO_UNITA_COLOR: Record<StatoUnita, string> = {
  LOCATO: 'success',
  LIBERO: 'primary',
  SFITTO_CARENZE_MANUTENTIVE: 'warning',
  SFITTO_RISTRUTTURAZIONE: 'warning',
  OCCUPATO_SENZA_TITOLO: 'error',
  ALIENATO: 'secondary',
  DEMOLITO: 'secondary',
};

export const USO_UNITA: Record<UsoUnita, string> = USO_UNITA_LABEL;

/** The uses in a table's narrow column (the filter and the building page spell them out). */
export const USO_UNITA_BREVE: Record<UsoUnita, string> = { SAP: 'SAP', SAS: 'SAS', ALTRO: 'Altro' };

/** The planner's lists, as the stock browser's tabs show them. */
export const LISTA: Record<Lista, string> = {
  liberi: 'Liberi',
  'sfitti-carenze-manutentive': 'Sfitti per carenze manutentive',
  'sfitti-ristrutturazione': 'Sfitti per ristrutturazione',
};

/** The fields the building page's history names when they change. */
export const CAMPO_STORIA: Record<string, string> = {
  indirizzo: 'Indirizzo',
  istatComune: 'Comune (ISTAT)',
  latitudine: 'Latitudine',
  longitudine: 'Longitudine',
  annoCostruzione: 'Anno di costruzione',
  piani: 'Piani',
  statoConservazione: 'Stato di conservazione',
  stato: 'Stato',
  uso: 'Uso',
  superficie: 'Superficie',
  canoneMensile: 'Canone mensile',
  dataVendita: 'Data di vendita',
};

/** Looks up a label, falling back to the raw value for one the UI does not know yet. */
export const labelOf = (labels: Record<string, string>, value: string | null | undefined): string =>
  value ? (labels[value] ?? value) : '—';

/** Temporal's history events, in words an administrator reads (the code stays in the cell's tooltip). */
const EVENTO: Readonly<Record<string, string>> = {
  WORKFLOW_EXECUTION_STARTED: 'Procedura avviata',
  WORKFLOW_EXECUTION_COMPLETED: 'Procedura conclusa',
  WORKFLOW_EXECUTION_FAILED: 'Procedura fallita',
  WORKFLOW_EXECUTION_TIMED_OUT: 'Procedura scaduta',
  WORKFLOW_EXECUTION_CANCELED: 'Procedura annullata',
  WORKFLOW_EXECUTION_TERMINATED: 'Procedura terminata',
  WORKFLOW_EXECUTION_CONTINUED_AS_NEW: 'Proseguita in una nuova esecuzione',
  WORKFLOW_EXECUTION_SIGNALED: 'Segnale ricevuto',
  WORKFLOW_EXECUTION_UPDATE_ACCEPTED: 'Richiesta accettata',
  WORKFLOW_EXECUTION_UPDATE_COMPLETED: 'Richiesta eseguita',
  WORKFLOW_EXECUTION_UPDATE_ADMITTED: 'Richiesta ricevuta',
  WORKFLOW_TASK_SCHEDULED: 'Passo di decisione in coda',
  WORKFLOW_TASK_STARTED: 'Passo di decisione avviato',
  WORKFLOW_TASK_COMPLETED: 'Passo di decisione completato',
  WORKFLOW_TASK_FAILED: 'Passo di decisione fallito',
  WORKFLOW_TASK_TIMED_OUT: 'Passo di decisione scaduto',
  ACTIVITY_TASK_SCHEDULED: 'Operazione automatica in coda',
  ACTIVITY_TASK_STARTED: 'Operazione automatica avviata',
  ACTIVITY_TASK_COMPLETED: 'Operazione automatica completata',
  ACTIVITY_TASK_FAILED: 'Operazione automatica fallita',
  ACTIVITY_TASK_TIMED_OUT: 'Operazione automatica scaduta',
  ACTIVITY_TASK_CANCEL_REQUESTED: 'Annullamento di un’operazione richiesto',
  ACTIVITY_TASK_CANCELED: 'Operazione automatica annullata',
  TIMER_STARTED: 'Attesa avviata (scadenza o sollecito)',
  TIMER_FIRED: 'Attesa conclusa',
  TIMER_CANCELED: 'Attesa annullata',
  MARKER_RECORDED: 'Esito registrato',
  UPSERT_WORKFLOW_SEARCH_ATTRIBUTES: 'Stato della pratica aggiornato',
  WORKFLOW_PROPERTIES_MODIFIED: 'Proprietà della procedura aggiornate',
  START_CHILD_WORKFLOW_EXECUTION_INITIATED: 'Avvio di una procedura collegata',
  START_CHILD_WORKFLOW_EXECUTION_FAILED: 'Procedura collegata non avviata',
  CHILD_WORKFLOW_EXECUTION_STARTED: 'Procedura collegata avviata',
  CHILD_WORKFLOW_EXECUTION_COMPLETED: 'Procedura collegata conclusa',
  CHILD_WORKFLOW_EXECUTION_FAILED: 'Procedura collegata fallita',
  CHILD_WORKFLOW_EXECUTION_CANCELED: 'Procedura collegata annullata',
  CHILD_WORKFLOW_EXECUTION_TERMINATED: 'Procedura collegata terminata',
  CHILD_WORKFLOW_EXECUTION_TIMED_OUT: 'Procedura collegata scaduta',
  SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED: 'Segnale a un’altra procedura',
  EXTERNAL_WORKFLOW_EXECUTION_SIGNALED: 'Segnale consegnato a un’altra procedura',
  SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_FAILED: 'Segnale a un’altra procedura non consegnato',
  REQUEST_CANCEL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED: 'Annullamento di un’altra procedura richiesto',
  WORKFLOW_EXECUTION_CANCEL_REQUESTED: 'Annullamento richiesto',
};

export const eventoLabel = (eventType: string): string => EVENTO[eventType.replace(/^EVENT_TYPE_/, '')] ?? 'Altro evento del motore';
