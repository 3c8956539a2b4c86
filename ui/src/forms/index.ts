import { OUTCOME_FORMS, type OutcomeFormKey } from '@shared/outcome-forms';
import { defineAsyncComponent, defineComponent, h, type Component, type PropType } from 'vue';
import type { TaskDetail } from '@/services/tasks';

/**
 * The forms of human tasks, chosen by the task's `formKey`. Each entry has:
 * - `form`: props `{ task: TaskDetail }`, emits `completed` once the workflow has accepted the decision;
 * - `summary`: props `{ task: TaskDetail }`, shows the task's data (and its outcome, once completed) read-only.
 */
export interface TaskFormEntry {
  form: Component;
  summary: Component;
}

const OutcomeForm = defineAsyncComponent(() => import('./OutcomeForm.vue'));

/** The generic outcome form, bound to a form key's contract (workflows/shared/outcome-forms.ts). */
const outcomeForm = (formKey: OutcomeFormKey): Component =>
  defineComponent({
    name: `OutcomeForm-${formKey}`,
    props: { task: { type: Object as PropType<TaskDetail>, required: true } },
    emits: ['completed'],
    setup: (props, { emit }) => () => h(OutcomeForm, { task: props.task, contract: OUTCOME_FORMS[formKey], onCompleted: () => emit('completed') }),
  });

const registry: Record<string, TaskFormEntry> = {
  'presa-in-carico': {
    form: outcomeForm('presa-in-carico'),
    summary: defineAsyncComponent(() => import('./presa-in-carico/PresaInCaricoSummary.vue')),
  },
  'istruttoria-accreditamento': {
    form: outcomeForm('istruttoria-accreditamento'),
    summary: defineAsyncComponent(() => import('./istruttoria-accreditamento/IstruttoriaAccreditamentoSummary.vue')),
  },
  'integrazione-accreditamento': {
    form: outcomeForm('integrazione-accreditamento'),
    summary: defineAsyncComponent(() => import('./integrazione-accreditamento/IntegrazioneAccreditamentoSummary.vue')),
  },
  'firma-provvedimento': {
    form: outcomeForm('firma-provvedimento'),
    summary: defineAsyncComponent(() => import('./firma-provvedimento/FirmaProvvedimentoSummary.vue')),
  },
  'trasmissione-flusso': {
    form: defineAsyncComponent(() => import('./trasmissione-flusso/TrasmissioneFlussoForm.vue')),
    summary: defineAsyncComponent(() => import('./trasmissione-flusso/TrasmissioneFlussoSummary.vue')),
  },
  'firma-atto': {
    form: outcomeForm('firma-atto'),
    summary: defineAsyncComponent(() => import('./fondo-affitti/FirmaAttoSummary.vue')),
  },
  'proposta-riparto': {
    form: outcomeForm('proposta-riparto'),
    summary: defineAsyncComponent(() => import('./fondo-affitti/PropostaRipartoSummary.vue')),
  },
  'domanda-fondo-affitti': {
    form: defineAsyncComponent(() => import('./fondo-affitti/DomandaFondoForm.vue')),
    summary: defineAsyncComponent(() => import('./fondo-affitti/DomandaFondoSummary.vue')),
  },
  'istruttoria-domanda-fondo': {
    form: outcomeForm('istruttoria-domanda-fondo'),
    summary: defineAsyncComponent(() => import('./fondo-affitti/IstruttoriaDomandaSummary.vue')),
  },
  'integrazione-domanda-fondo': {
    form: outcomeForm('integrazione-domanda-fondo'),
    summary: defineAsyncComponent(() => import('./fondo-affitti/IntegrazioneDomandaSummary.vue')),
  },
  'graduatoria-rideterminata': {
    form: outcomeForm('graduatoria-rideterminata'),
    summary: defineAsyncComponent(() => import('./fondo-affitti/GraduatoriaRideterminataSummary.vue')),
  },
  'rendicontazione-fondo': {
    form: outcomeForm('rendicontazione-fondo'),
    summary: defineAsyncComponent(() => import('./fondo-affitti/RendicontazioneSummary.vue')),
  },
  'verifica-rendicontazione-fondo': {
    form: outcomeForm('verifica-rendicontazione-fondo'),
    summary: defineAsyncComponent(() => import('./fondo-affitti/VerificaRendicontazioneSummary.vue')),
  },
};

export const taskFormFor = (formKey: string): TaskFormEntry | undefined => registry[formKey];

/** The form keys the inbox can render: tests/workflows/shared/task-forms.test.ts checks every descriptor's are here. */
export const TASK_FORM_KEYS = Object.keys(registry);
