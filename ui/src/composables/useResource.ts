import { messageOf } from '@/services/errors';
import { onBeforeUnmount, ref, shallowRef, watch } from 'vue';

/** While a workflow is still at work on what a page shows, the page looks again this often. */
const POLL_MS = 3000;

/**
 * What a page shows, loaded by a key (an id, a filter in the URL): loads again when the key changes
 * and, while `pollWhile` holds for the latest value, every few seconds. A failure becomes an Italian message.
 */
export function useResource<T>(
  key: () => string,
  fetch: (key: string) => Promise<T>,
  pollWhile?: (value: T) => boolean,
) {
  const data = shallowRef<T>();
  const loading = ref(true);
  const error = ref<string>();
  let pollTimer: ReturnType<typeof setTimeout> | undefined;
  let mounted = true;

  async function load(current: string) {
    clearTimeout(pollTimer);
    // An answer for a key the page has left behind is dropped.
    const stillWanted = () => current === key();
    try {
      const value = await fetch(current);
      if (!stillWanted()) return;
      data.value = value;
      error.value = undefined;
      if (mounted && pollWhile?.(value)) pollTimer = setTimeout(() => void load(current), POLL_MS);
    } catch (caught) {
      if (stillWanted()) error.value = messageOf(caught);
    } finally {
      if (stillWanted()) loading.value = false;
    }
  }

  watch(
    key,
    (current) => {
      loading.value = true;
      void load(current);
    },
    { immediate: true },
  );
  onBeforeUnmount(() => {
    mounted = false;
    clearTimeout(pollTimer);
  });
  return { data, loading, error, reload: () => load(key()) };
}
