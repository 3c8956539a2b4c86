import { messageOf } from '@/services/errors';
import { listEnti, type Ente } from '@/services/enti';
import { ref, shallowRef, watch } from 'vue';

/** A pause in typing before asking the server, so each keystroke is not a query. */
const TYPING_PAUSE_MS = 250;

/**
 * The enti matching what the user types, searched on the server (they are hundreds, and the API answers
 * 50 at most): bind `search` to an autocomplete's search text. The latest text's answer wins.
 */
export function useEntiSearch(keep: (ente: Ente) => boolean = () => true) {
  const search = ref('');
  const found = shallowRef<Ente[]>([]);
  const loading = ref(false);
  const error = ref<string>();
  let pause: ReturnType<typeof setTimeout> | undefined;

  async function lookUp(text: string) {
    loading.value = true;
    try {
      const enti = await listEnti(text ? { q: text } : {});
      if (text === search.value.trim()) found.value = enti.filter(keep);
      error.value = undefined;
    } catch (caught) {
      error.value = messageOf(caught);
    } finally {
      loading.value = false;
    }
  }

  watch(search, (text) => {
    clearTimeout(pause);
    pause = setTimeout(() => void lookUp((text ?? '').trim()), TYPING_PAUSE_MS);
  }, { immediate: true });

  return { search, found, loading, error };
}
