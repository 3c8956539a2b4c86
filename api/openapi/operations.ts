// Every operation of the API, described once for /api/openapi.json: its Italian summary, its group, and
// the very zod schemas the route parses its path, query and body with (so the document cannot drift from
// the validation). tests/api/openapi.test.ts fails when a route of the app is missing here, or here and
// not in the app.
import { z } from 'zod';
import * as accreditamenti from '../accreditamenti/routes';
import { ZAccreditamentoRequest } from '../accreditamenti/request';
import * as incidenti from '../admin/incidents';
import * as riferimenti from '../admin/riferimenti-comuni';
import * as admin from '../admin/routes';
import * as comunicazioni from '../comunicazioni/routes';
import * as documenti from '../documenti/routes';
import * as referenti from '../enti/referenti';
import * as enti from '../enti/routes';
import { ZUpload, ZWorkflow } from '../flussi/access';
import { ZInserimentoManuale } from '../flussi/manual-input';
import * as flussi from '../flussi/routes';
import { ZStockFilter, ZStockPage } from '../patrimonio/query';
import * as patrimonio from '../patrimonio/routes';
import * as pec from '../pec/routes';
import * as ricognizioni from '../ricognizioni/routes';
import * as fondo from '../fondo-affitti/routes';
import { ZFiltriComuni } from '../fondo-affitti/comuni-del-bando';
import { ZTaskCountsQuery, ZTaskListQuery } from '../tasks/queries';
import * as taskDocuments from '../tasks/documents';
import * as tasks from '../tasks/routes';
import * as savedViews from '../tasks/saved-views';
import * as bulk from '../tasks/bulk';
import * as comments from '../tasks/comments';
import * as sostituzioni from '../sostituzioni/routes';
import * as notifiche from '../notifiche/routes';

export type Method = 'get' | 'post' | 'put' | 'delete';

export interface Operation {
  method: Method;
  /** Express's path, under /api unless `root` says it is outside it. */
  path: string;
  tag: string;
  summary: string;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Multipart upload: the body's text fields (the schema) and the files' field names. */
  files?: string[];
  /** What it answers, when it is not JSON. */
  produces?: 'application/pdf' | 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' | 'application/octet-stream' | 'text/html' | 'text/event-stream';
  status?: 200 | 201 | 202 | 302;
  /** Answered without a session (health, sign-in). */
  public?: boolean;
  /** Outside /api (the sign-in flow). */
  root?: boolean;
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' as const;

export const OPERATIONS: Operation[] = [
  { method: 'get', path: '/health', tag: 'Piattaforma', summary: 'Stato della piattaforma e dei servizi da cui dipende', public: true },
  { method: 'get', path: '/config', tag: 'Piattaforma', summary: 'Configurazione della pagina (mappa, collegamento a Temporal)', public: true },
  { method: 'get', path: '/openapi.json', tag: 'Piattaforma', summary: 'Questo documento OpenAPI 3.1', public: true },
  { method: 'get', path: '/docs', tag: 'Piattaforma', summary: 'La documentazione leggibile delle API', public: true, produces: 'text/html' },
  { method: 'get', path: '/auth/login', tag: 'Accesso', summary: 'Accesso con il servizio di identità (OpenID Connect)', public: true, root: true, status: 302 },
  { method: 'get', path: '/auth/callback', tag: 'Accesso', summary: 'Ritorno dal servizio di identità', public: true, root: true, status: 302 },
  { method: 'post', path: '/auth/logout', tag: 'Accesso', summary: 'Uscita dalla sessione', root: true },
  { method: 'get', path: '/me', tag: 'Accesso', summary: 'La persona collegata, i suoi ruoli e il token CSRF' },

  { method: 'get', path: '/tasks', tag: 'Attività', summary: 'Le attività visibili, con filtri e paginazione', query: ZTaskListQuery },
  { method: 'get', path: '/tasks/conteggi', tag: 'Attività', summary: 'Quante attività in ogni scheda della casella, con i filtri scelti', query: ZTaskCountsQuery },
  { method: 'post', path: '/tasks/in-blocco', tag: 'Attività', summary: 'Prendere in carico o riassegnare più attività insieme (esito per ciascuna)', body: bulk.ZBulkRequest },
  { method: 'get', path: '/tasks/eventi', tag: 'Attività', summary: 'Avvisi in tempo reale (server-sent events) quando cambiano attività visibili', produces: 'text/event-stream' },
  { method: 'get', path: '/tasks/viste', tag: 'Attività', summary: 'Le viste salvate della casella, della persona collegata' },
  { method: 'post', path: '/tasks/viste', tag: 'Attività', summary: 'Salvare con un nome la vista della casella (lo stesso nome la aggiorna)', body: savedViews.ZSaveView, status: 201 },
  { method: 'delete', path: '/tasks/viste/:id', tag: 'Attività', summary: 'Eliminare una vista salvata', params: savedViews.ZViewId },
  { method: 'get', path: '/tasks/procedure-types', tag: 'Attività', summary: 'I tipi di procedura, per il filtro della casella' },
  { method: 'get', path: '/tasks/:id', tag: 'Attività', summary: 'Un’attività: dati, modulo, documenti, storia', params: tasks.ZTaskId },
  { method: 'get', path: '/tasks/:id/candidates', tag: 'Attività', summary: 'A chi si può riassegnare l’attività', params: tasks.ZTaskId },
  { method: 'post', path: '/tasks/:id/claim', tag: 'Attività', summary: 'Prendere in carico l’attività', params: tasks.ZTaskId },
  { method: 'post', path: '/tasks/:id/release', tag: 'Attività', summary: 'Rilasciare l’attività al gruppo', params: tasks.ZTaskId },
  { method: 'post', path: '/tasks/:id/reassign', tag: 'Attività', summary: 'Riassegnare l’attività a un collega', params: tasks.ZTaskId, body: tasks.ZReassignRequest },
  { method: 'post', path: '/tasks/:id/documenti/:campo', tag: 'Attività', summary: 'Allegare un documento che la decisione nominerà (un PDF, per i campi file del modulo)', params: taskDocuments.ZTaskFile, files: ['file'], status: 201 },
  { method: 'post', path: '/tasks/:id/commenti', tag: 'Attività', summary: 'Commentare l’attività, con allegati (compare nella sua storia)', params: tasks.ZTaskId, body: comments.ZComment, files: ['allegati'], status: 201 },
  { method: 'get', path: '/tasks/:id/commenti/allegati/:documentId', tag: 'Attività', summary: 'Scaricare un allegato di un commento', params: comments.ZCommentFile, produces: 'application/octet-stream' },
  { method: 'post', path: '/tasks/:id/complete', tag: 'Attività', summary: 'Completare l’attività con la decisione del suo modulo', params: tasks.ZTaskId, body: tasks.ZCompleteRequest },

  { method: 'get', path: '/sostituzioni', tag: 'Attività', summary: 'Chi mi sostituisce e chi sostituisco, oggi e nei prossimi giorni' },
  { method: 'get', path: '/sostituzioni/colleghi', tag: 'Attività', summary: 'I colleghi con un mio stesso ruolo, che possono sostituirmi' },
  { method: 'post', path: '/sostituzioni', tag: 'Attività', summary: 'Nominare chi riceve le mie attività mentre sono assente (dal–al)', body: sostituzioni.ZSostituzione, status: 201 },
  { method: 'delete', path: '/sostituzioni/:id', tag: 'Attività', summary: 'Togliere una sostituzione (rientro anticipato)', params: sostituzioni.ZSostituzioneId },
  { method: 'get', path: '/notifiche', tag: 'Attività', summary: 'Il mio indirizzo e-mail e se ricevo il riepilogo mattutino delle attività' },
  { method: 'put', path: '/notifiche', tag: 'Attività', summary: 'Cambiare indirizzo e-mail o attivare e disattivare il riepilogo mattutino', body: notifiche.ZNotifiche },

  { method: 'post', path: '/comunicazioni', tag: 'Comunicazioni', summary: 'Inviare una comunicazione alla Regione (avvia l’invio generico)', body: comunicazioni.ZSendRequest, files: ['allegati'], status: 201 },
  { method: 'get', path: '/comunicazioni', tag: 'Comunicazioni', summary: 'Le comunicazioni visibili', query: comunicazioni.ZListQuery },
  { method: 'get', path: '/comunicazioni/:id', tag: 'Comunicazioni', summary: 'Una comunicazione, con esito e allegati', params: comunicazioni.ZId },
  { method: 'get', path: '/allegati/:id', tag: 'Comunicazioni', summary: 'Scaricare un allegato', params: comunicazioni.ZId, produces: 'application/octet-stream' },

  { method: 'get', path: '/enti', tag: 'Enti', summary: 'Cercare gli enti', query: enti.ZEntiQuery },
  { method: 'get', path: '/enti/:id/referenti', tag: 'Enti', summary: 'I referenti di un ente', params: referenti.ZEnteParams },
  { method: 'post', path: '/enti/:id/referenti', tag: 'Enti', summary: 'Nominare un referente', params: referenti.ZEnteParams, body: referenti.ZNomina, status: 201 },
  { method: 'delete', path: '/enti/:id/referenti/:roleId', tag: 'Enti', summary: 'Revocare un referente', params: referenti.ZRevokeParams },

  { method: 'post', path: '/accreditamenti', tag: 'Accreditamento', summary: 'Chiedere l’accreditamento di un ente (avvia la procedura)', body: ZAccreditamentoRequest, files: ['attoNomina'], status: 201 },
  { method: 'get', path: '/accreditamenti', tag: 'Accreditamento', summary: 'Le richieste di accreditamento visibili', query: accreditamenti.ZListQuery },
  { method: 'get', path: '/accreditamenti/:id', tag: 'Accreditamento', summary: 'Una richiesta di accreditamento', params: accreditamenti.ZId },

  { method: 'get', path: '/documenti/:id', tag: 'Documenti', summary: 'Scaricare un documento dall’archivio', params: documenti.ZId, produces: 'application/octet-stream' },
  { method: 'get', path: '/pec/:id', tag: 'PEC', summary: 'Lo stato di una PEC e le sue ricevute', params: pec.ZId },
  { method: 'get', path: '/riferimenti/comuni', tag: 'Riferimenti', summary: 'I Comuni della Puglia (codice ISTAT, provincia)' },

  { method: 'post', path: '/flussi', tag: 'Flussi patrimoniali', summary: 'Avviare la trasmissione del patrimonio a una data', body: flussi.ZStart, status: 201 },
  { method: 'get', path: '/flussi/:workflowId', tag: 'Flussi patrimoniali', summary: 'Una trasmissione: caricamenti, esito, attività', params: ZWorkflow },
  { method: 'get', path: '/flussi/:workflowId/avanzamento', tag: 'Flussi patrimoniali', summary: 'L’avanzamento della validazione in corso', params: ZWorkflow },
  { method: 'post', path: '/flussi/:workflowId/caricamenti', tag: 'Flussi patrimoniali', summary: 'Caricare un flusso XML (validato subito)', params: ZWorkflow, files: ['flusso'], status: 201 },
  { method: 'get', path: '/flussi/:workflowId/manuale', tag: 'Flussi patrimoniali', summary: 'Il punto di partenza dell’inserimento manuale', params: ZWorkflow },
  { method: 'post', path: '/flussi/:workflowId/manuale', tag: 'Flussi patrimoniali', summary: 'Inviare il patrimonio inserito a mano', params: ZWorkflow, body: ZInserimentoManuale, status: 201 },
  { method: 'get', path: '/flussi/caricamenti/:uploadId/problemi', tag: 'Flussi patrimoniali', summary: 'Gli errori e gli avvisi di un caricamento', params: ZUpload, query: flussi.ZProblems },
  { method: 'get', path: '/flussi/caricamenti/:uploadId/rapporto.xlsx', tag: 'Flussi patrimoniali', summary: 'Il rapporto di validazione in Excel', params: ZUpload, produces: XLSX },
  { method: 'get', path: '/flussi/caricamenti/:uploadId/rapporto.pdf', tag: 'Flussi patrimoniali', summary: 'Il rapporto di validazione in PDF', params: ZUpload, produces: 'application/pdf' },

  { method: 'get', path: '/ricognizioni', tag: 'Ricognizioni', summary: 'Le ricognizioni patrimoniali' },
  { method: 'post', path: '/ricognizioni', tag: 'Ricognizioni', summary: 'Aprire una ricognizione (avvia la campagna)', body: ricognizioni.ZOpen, status: 201 },
  { method: 'get', path: '/ricognizioni/portata', tag: 'Ricognizioni', summary: 'Prima di aprire: quanti enti raggiunge e quali non hanno un indirizzo PEC', query: ricognizioni.ZPortata },
  { method: 'get', path: '/ricognizioni/:id', tag: 'Ricognizioni', summary: 'Una ricognizione e i suoi totali', params: ricognizioni.ZId },
  { method: 'get', path: '/ricognizioni/:id/enti', tag: 'Ricognizioni', summary: 'Gli enti della ricognizione e il loro esito', params: ricognizioni.ZId, query: ricognizioni.ZFilter },
  { method: 'get', path: '/ricognizioni/:id/enti.xlsx', tag: 'Ricognizioni', summary: 'Gli enti della ricognizione in Excel', params: ricognizioni.ZId, query: ricognizioni.ZFilter, produces: XLSX },
  { method: 'post', path: '/ricognizioni/:id/proroga', tag: 'Ricognizioni', summary: 'Prorogare la scadenza', params: ricognizioni.ZId, body: z.object({ scadenza: ricognizioni.ZScadenza }) },
  { method: 'post', path: '/ricognizioni/:id/chiusura', tag: 'Ricognizioni', summary: 'Chiudere la ricognizione', params: ricognizioni.ZId },
  { method: 'get', path: '/fondo-affitti/bandi', tag: 'Fondo affitti', summary: 'I bandi del Fondo affitti (per un Comune, con la sua domanda)' },
  { method: 'post', path: '/fondo-affitti/bandi', tag: 'Fondo affitti', summary: 'Creare la bozza di un bando (avvia la procedura)', body: fondo.ZBando, status: 201 },
  { method: 'get', path: '/fondo-affitti/bandi/:id', tag: 'Fondo affitti', summary: 'Un bando: fonti, soglie, stato e che cosa si può fare', params: fondo.ZId },
  { method: 'put', path: '/fondo-affitti/bandi/:id', tag: 'Fondo affitti', summary: 'Modificare la bozza di un bando', params: fondo.ZId, body: fondo.ZBando },
  { method: 'post', path: '/fondo-affitti/bandi/:id/invio-alla-firma', tag: 'Fondo affitti', summary: 'Inviare il bando alla firma del dirigente', params: fondo.ZId },
  { method: 'post', path: '/fondo-affitti/bandi/:id/proroga', tag: 'Fondo affitti', summary: 'Prorogare il termine per le domande', params: fondo.ZId, body: z.object({ scadenza: ricognizioni.ZScadenza }) },
  { method: 'get', path: '/fondo-affitti/bandi/:id/riparto', tag: 'Fondo affitti', summary: 'Il riparto calcolato sulle domande ammesse', params: fondo.ZId },
  { method: 'get', path: '/fondo-affitti/bandi/:id/riparto.xlsx', tag: 'Fondo affitti', summary: 'Il riparto in Excel', params: fondo.ZId, produces: XLSX },
  { method: 'post', path: '/fondo-affitti/bandi/:id/liquidazioni', tag: 'Fondo affitti', summary: 'Registrare un atto di liquidazione delle quote di un gruppo di Comuni', params: fondo.ZId, body: fondo.ZLiquidazione, status: 201 },
  { method: 'get', path: '/fondo-affitti/bandi/:id/comuni', tag: 'Fondo affitti', summary: 'Il bando Comune per Comune: domanda, quota, liquidazione, rendicontazione (solo Regione)', params: fondo.ZId, query: ZFiltriComuni },
  { method: 'get', path: '/fondo-affitti/bandi/:id/comuni.xlsx', tag: 'Fondo affitti', summary: 'Il bando Comune per Comune in Excel', params: fondo.ZId, query: ZFiltriComuni, produces: XLSX },
  { method: 'get', path: '/fondo-affitti/domande/:id', tag: 'Fondo affitti', summary: 'La domanda di un Comune', params: fondo.ZId },
  { method: 'get', path: '/fondo-affitti/bandi/:id/beneficiari/modello.xlsx', tag: 'Fondo affitti', summary: 'Il modello Excel dell’elenco dei beneficiari, con le soglie del bando', params: fondo.ZId, produces: XLSX },
  { method: 'get', path: '/fondo-affitti/bandi/:id/duplicati', tag: 'Fondo affitti', summary: 'I beneficiari elencati da due Comuni dello stesso bando (solo Regione)', params: fondo.ZId },
  { method: 'post', path: '/fondo-affitti/domande/:id/beneficiari', tag: 'Fondo affitti', summary: 'Caricare l’elenco dei beneficiari (Excel), controllato riga per riga', params: fondo.ZId, files: ['file'], status: 201 },
  { method: 'get', path: '/fondo-affitti/domande/:id/beneficiari', tag: 'Fondo affitti', summary: 'L’elenco dei beneficiari di una domanda (ogni lettura è registrata)', params: fondo.ZId },
  { method: 'put', path: '/fondo-affitti/domande/:id/bozza', tag: 'Fondo affitti', summary: 'Salvare la bozza della domanda', params: fondo.ZId, body: fondo.ZBozzaDomanda },

  { method: 'get', path: '/patrimonio/unita', tag: 'Patrimonio', summary: 'Le unità immobiliari a una data, con filtri', query: ZStockPage },
  { method: 'get', path: '/patrimonio/riepilogo', tag: 'Patrimonio', summary: 'I totali del patrimonio a una data', query: ZStockFilter.pick({ data: true, ente: true }) },
  { method: 'get', path: '/patrimonio/mappa', tag: 'Patrimonio', summary: 'Gli edifici sulla mappa', query: ZStockFilter },
  { method: 'get', path: '/patrimonio/edifici/:enteId/:codice', tag: 'Patrimonio', summary: 'Un edificio e la sua storia', params: patrimonio.ZBuilding, query: patrimonio.ZBuildingQuery },
  { method: 'post', path: '/patrimonio/esportazioni', tag: 'Patrimonio', summary: 'Avviare l’esportazione in Excel', body: ZStockFilter, status: 202 },
  { method: 'get', path: '/patrimonio/esportazioni/:id', tag: 'Patrimonio', summary: 'L’avanzamento di un’esportazione', params: patrimonio.ZExport },
  { method: 'get', path: '/patrimonio/esportazioni/:id/file', tag: 'Patrimonio', summary: 'Scaricare l’esportazione pronta', params: patrimonio.ZExport, produces: XLSX },

  { method: 'get', path: '/admin/comuni', tag: 'Amministrazione', summary: 'I Comuni e i loro dati di riferimento (ATA, abitanti)', query: riferimenti.ZComuniQuery },
  { method: 'put', path: '/admin/comuni/:id', tag: 'Amministrazione', summary: 'Modificare i dati di riferimento di un Comune (ATA, abitanti)', params: riferimenti.ZComuneId, body: riferimenti.ZRiferimentiComune },
  { method: 'get', path: '/admin/procedure', tag: 'Amministrazione', summary: 'Le procedure in corso e concluse', query: admin.ZProcedureQuery },
  { method: 'get', path: '/admin/procedure/:workflowId', tag: 'Amministrazione', summary: 'Una procedura: stato, passi, incidenti', params: admin.ZWorkflowId },
  { method: 'get', path: '/admin/incidenti', tag: 'Amministrazione', summary: 'Gli incidenti', query: incidenti.ZListQuery },
  { method: 'post', path: '/admin/incidenti/:id/riprova', tag: 'Amministrazione', summary: 'Riprovare il passo fallito; una PEC non consegnata, anche a un indirizzo corretto', params: incidenti.ZId, body: incidenti.ZRetry },
  { method: 'post', path: '/admin/incidenti/:id/risolvi', tag: 'Amministrazione', summary: 'Dichiarare l’incidente risolto fuori dalla piattaforma', params: incidenti.ZId, body: incidenti.ZResolve },
];
