import { ApiError, messageOf } from '@/services/errors';
import { completeTask } from '@/services/tasks';
import { ref } from 'vue';

/**
 * Completes a task with a form's decision. When the workflow's validator rejects it (422 with `field`),
 * the message goes next to that field; any other failure is a message for the whole form.
 */
export function useTaskCompletion(taskId: () => string, onCompleted: () => void) {
  const submitting = ref(false);
  const error = ref<string>();
  const fieldErrors = ref<Record<string, string>>({});

  async function complete(decision: Record<string, unknown>) {
    submitting.value = true;
    error.value = undefined;
    fieldErrors.value = {};
    try {
      await completeTask(taskId(), decision);
      onCompleted();
    } catch (caught) {
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
