import type { RouteRecordRaw } from 'vue-router';

declare module 'vue-router' {
  interface RouteMeta {
    /** The page's name in the browser tab. */
    title?: string;
    /** Only users holding the AMMINISTRATORE role may open the page. */
    requiresAdmin?: boolean;
  }
}

export const routes: RouteRecordRaw[] = [
  // The home guard sends a user with no roles yet to the accreditation requests instead.
  { path: '/', name: 'home', redirect: { name: 'inbox' } },
  {
    path: '/attivita',
    name: 'inbox',
    component: () => import('@/views/inbox/InboxView.vue'),
    meta: { title: 'Attività' },
  },
  {
    path: '/attivita/:id',
    name: 'task',
    component: () => import('@/views/task/TaskView.vue'),
    props: true,
    meta: { title: 'Attività' },
  },
  {
    path: '/sostituzioni',
    name: 'sostituzioni',
    component: () => import('@/views/sostituzioni/SostituzioniView.vue'),
    meta: { title: 'Sostituzioni' },
  },
  {
    path: '/notifiche',
    name: 'notifiche',
    component: () => import('@/views/notifiche/NotificheView.vue'),
    meta: { title: 'Notifiche' },
  },
  {
    path: '/comunicazioni',
    name: 'comunicazioni',
    component: () => import('@/views/comunicazioni/ComunicazioniView.vue'),
    meta: { title: 'Comunicazioni' },
  },
  {
    path: '/comunicazioni/nuova',
    name: 'comunicazione-nuova',
    component: () => import('@/views/comunicazioni/NuovaComunicazioneView.vue'),
    meta: { title: 'Nuova comunicazione' },
  },
  {
    path: '/comunicazioni/:id',
    name: 'comunicazione',
    component: () => import('@/views/comunicazioni/ComunicazioneView.vue'),
    props: true,
    meta: { title: 'Comunicazione' },
  },
  {
    path: '/accreditamenti',
    name: 'accreditamenti',
    component: () => import('@/views/accreditamenti/AccreditamentiView.vue'),
    meta: { title: 'Accreditamento' },
  },
  {
    path: '/accreditamenti/nuova',
    name: 'accreditamento-nuovo',
    component: () => import('@/views/accreditamenti/NuovoAccreditamentoView.vue'),
    meta: { title: 'Nuova richiesta di accreditamento' },
  },
  {
    path: '/accreditamenti/:id',
    name: 'accreditamento',
    component: () => import('@/views/accreditamenti/AccreditamentoView.vue'),
    props: true,
    meta: { title: 'Richiesta di accreditamento' },
  },
  {
    path: '/enti/:id/referenti',
    name: 'referenti',
    component: () => import('@/views/enti/ReferentiView.vue'),
    props: true,
    meta: { title: 'Referenti' },
  },
  {
    path: '/flussi',
    name: 'flussi',
    component: () => import('@/views/flussi/FlussiView.vue'),
    meta: { title: 'Patrimonio' },
  },
  {
    path: '/flussi/:workflowId',
    name: 'flusso',
    component: () => import('@/views/flussi/FlussoView.vue'),
    props: true,
    meta: { title: 'Trasmissione del patrimonio' },
  },
  {
    path: '/ricognizioni',
    name: 'ricognizioni',
    component: () => import('@/views/ricognizioni/RicognizioniView.vue'),
    meta: { title: 'Ricognizioni del patrimonio' },
  },
  {
    path: '/ricognizioni/:id',
    name: 'ricognizione',
    component: () => import('@/views/ricognizioni/RicognizioneView.vue'),
    props: true,
    meta: { title: 'Ricognizione del patrimonio' },
  },
  {
    path: '/fondo-affitti',
    name: 'fondo-affitti',
    component: () => import('@/views/fondo-affitti/BandiFondoView.vue'),
    meta: { title: 'Fondo affitti' },
  },
  {
    path: '/fondo-affitti/nuovo',
    name: 'bando-fondo-nuovo',
    component: () => import('@/views/fondo-affitti/NuovoBandoView.vue'),
    meta: { title: 'Nuovo bando' },
  },
  {
    path: '/fondo-affitti/bandi/:id',
    name: 'bando-fondo',
    component: () => import('@/views/fondo-affitti/BandoFondoView.vue'),
    props: true,
    meta: { title: 'Bando Fondo affitti' },
  },
  {
    path: '/fondo-affitti/domande/:id',
    name: 'domanda-fondo',
    component: () => import('@/views/fondo-affitti/DomandaFondoView.vue'),
    props: true,
    meta: { title: 'Domanda Fondo affitti' },
  },
  {
    path: '/patrimonio/alloggi',
    name: 'alloggi',
    component: () => import('@/views/patrimonio/AlloggiView.vue'),
    meta: { title: 'Alloggi' },
  },
  {
    path: '/patrimonio/mappa',
    name: 'mappa',
    component: () => import('@/views/patrimonio/MappaView.vue'),
    meta: { title: 'Mappa degli edifici' },
  },
  {
    path: '/patrimonio/edifici/:enteId/:codice',
    name: 'edificio',
    component: () => import('@/views/patrimonio/EdificioView.vue'),
    props: true,
    meta: { title: 'Edificio' },
  },
  {
    path: '/flussi/:workflowId/manuale',
    name: 'flusso-manuale',
    component: () => import('@/views/flussi/InserimentoManualeView.vue'),
    props: true,
    meta: { title: 'Inserimento manuale del patrimonio' },
  },
  {
    path: '/pec/:id',
    name: 'pec',
    component: () => import('@/views/pec/PecView.vue'),
    props: true,
    meta: { title: 'Messaggio PEC' },
  },
  {
    path: '/amministrazione/procedure',
    name: 'procedure',
    component: () => import('@/views/admin/ProcedureView.vue'),
    meta: { title: 'Procedure', requiresAdmin: true },
  },
  {
    path: '/amministrazione/procedure/:workflowId',
    name: 'procedura',
    component: () => import('@/views/admin/ProceduraView.vue'),
    props: true,
    meta: { title: 'Procedura', requiresAdmin: true },
  },
  {
    path: '/amministrazione/comuni',
    name: 'riferimenti-comuni',
    component: () => import('@/views/admin/RiferimentiComuniView.vue'),
    meta: { title: 'Comuni: dati di riferimento', requiresAdmin: true },
  },
  {
    path: '/amministrazione/incidenti',
    name: 'incidenti',
    component: () => import('@/views/admin/IncidentiView.vue'),
    meta: { title: 'Incidenti', requiresAdmin: true },
  },
  {
    path: '/accessibilita',
    name: 'accessibilita',
    component: () => import('@/views/AccessibilitaView.vue'),
    meta: { title: 'Dichiarazione di accessibilità' },
  },
  {
    path: '/accesso-negato',
    name: 'forbidden',
    component: () => import('@/views/ForbiddenView.vue'),
    meta: { title: 'Accesso negato' },
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/NotFoundView.vue'),
    meta: { title: 'Pagina non trovata' },
  },
];
