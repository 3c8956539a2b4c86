import { ApiError, messageOf } from '@/services/errors';
import { completeTask } from '@/services/tasks';
import { ref } from 'vue';

/** 128 random bits in hex; crypto.randomUUID exists only in secure contexts, getRandomValues everywhere. */
const randomKey = () => Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');

/**
 * Completes a task with a form's decision. When the workflow's validator rejects it (422 with `field`),
 * the message goes next to that field; any other failure is a message for the whole form.
 */
export function useTaskCompletion(taskId: () => string, onCompleted: () => void) {
  const submitting = ref(false);
  const error = ref<string>();
  const fieldErrors = ref<Record<string, string>>({});
  // One key per decision attempt: sending the same decision again after no answer (the network, a server
  // down) reuses it, so the platform records the decision once; a changed or answered decision gets a new one.
  let attempt: { key: string; decision: string } | undefined;

  function keyFor(decision: Record<string, unknown>): string {
    const sent = JSON.stringify(decision);
    if (attempt?.decision !== sent) attempt = { key: randomKey(), decision: sent };
    return attempt.key;
  }

  async function complete(decision: Record<string, unknown>) {
    submitting.value = true;
    error.value = undefined;
    fieldErrors.value = {};
    try {
      await completeTask(taskId(), decision, keyFor(decision));
      attempt = undefined;
      onCompleted();
    } catch (caught) {
      if (caught instanceof ApiError && caught.status >= 400 && caught.status < 500) attempt = undefined;
      if (caught instanceof ApiError && caught.field) {
        fieldErrors.value = { [caught.field.replace(/^decision\./, '')]: caught.message };
      } else {
        error.value = messageOf(caught);
      }
    } finally {
      submitting.value = false;
    }
  }

  const clearFieldError = (field: string) => {
    if (field in fieldErrors.value) fieldErrors.value = { ...fieldErrors.value, [field]: '' };
  };

  return { submitting, error, fieldErrors, complete, clearFieldError };
}
