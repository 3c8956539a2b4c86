import { defineAsyncComponent, type Component } from 'vue';

/**
 * The forms of human tasks, chosen by the task's `formKey`. Each entry has:
 * - `form`: props `{ task: TaskDetail }`, emits `completed` once the workflow has accepted the decision;
 * - `summary`: props `{ task: TaskDetail }`, shows the task's data (and its outcome, once completed) read-only.
 */
export interface TaskFormEntry {
  form: Component;
  summary: Component;
}

const registry: Record<string, TaskFormEntry> = {
  'presa-in-carico': {
    form: defineAsyncComponent(() => import('./presa-in-carico/PresaInCaricoForm.vue')),
    summary: defineAsyncComponent(() => import('./presa-in-carico/PresaInCaricoSummary.vue')),
  },
  'istruttoria-accreditamento': {
    form: defineAsyncComponent(() => import('./istruttoria-accreditamento/IstruttoriaAccreditamentoForm.vue')),
    summary: defineAsyncComponent(() => import('./istruttoria-accreditamento/IstruttoriaAccreditamentoSummary.vue')),
  },
  'integrazione-accreditamento': {
    form: defineAsyncComponent(() => import('./integrazione-accreditamento/IntegrazioneAccreditamentoForm.vue')),
    summary: defineAsyncComponent(() => import('./integrazione-accreditamento/IntegrazioneAccreditamentoSummary.vue')),
  },
  'firma-provvedimento': {
    form: defineAsyncComponent(() => import('./firma-provvedimento/FirmaProvvedimentoForm.vue')),
    summary: defineAsyncComponent(() => import('./firma-provvedimento/FirmaProvvedimentoSummary.vue')),
  },
  'trasmissione-flusso': {
    form: defineAsyncComponent(() => import('./trasmissione-flusso/TrasmissioneFlussoForm.vue')),
    summary: defineAsyncComponent(() => import('./trasmissione-flusso/TrasmissioneFlussoSummary.vue')),
  },
};

export const taskFormFor = (formKey: string): TaskFormEntry | undefined => registry[formKey];
