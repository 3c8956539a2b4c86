import { ApiError, messageOf } from '@/services/errors';
import { computed, ref } from 'vue';

/**
 * A form's submission to the API: whether it is on its way (with an upload's progress, 0–100), and a
 * failure as a message next to the field the API names (its first segment: `aree.0` is `aree`), or
 * else for the whole form.
 */
export function useSubmission() {
  const progress = ref<number>();
  const busy = computed(() => progress.value !== undefined);
  const error = ref<string>();
  const fieldErrors = ref<Record<string, string>>({});

  /** Runs `request` (which may report an upload's progress): its result, or undefined once the failure is shown. */
  async function send<T>(request: (onProgress: (fraction: number) => void) => Promise<T>): Promise<T | undefined> {
    error.value = undefined;
    fieldErrors.value = {};
    progress.value = 0;
    try {
      return await request((fraction) => (progress.value = Math.round(fraction * 100)));
    } catch (caught) {
      const field = caught instanceof ApiError ? caught.field?.split('.')[0] : undefined;
      if (field) fieldErrors.value = { [field]: messageOf(caught) };
      else error.value = messageOf(caught);
      return undefined;
    } finally {
      progress.value = undefined;
    }
  }

  const clearFieldError = (field: string) => {
    if (field in fieldErrors.value) fieldErrors.value = { ...fieldErrors.value, [field]: '' };
  };

  /** Forgets a previous failure, e.g. when a dialog opens again. */
  const reset = () => {
    error.value = undefined;
    fieldErrors.value = {};
  };

  return { progress, busy, error, fieldErrors, send, clearFieldError, reset };
}
