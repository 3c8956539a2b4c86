import { messageOf } from '@/services/errors';
import type { Page } from '@/services/types';
import { computed, ref, shallowRef, watch, type Ref } from 'vue';

/**
 * A server-paged list driven by the URL query state: reloads whenever the state changes, keeps the
 * page numbers sane, and turns a failure into an Italian message instead of stale rows.
 */
export function usePagedList<T>(state: Ref<Record<string, string>>, fetchPage: (page: { pagina: number; perPagina: number }) => Promise<Page<T>>) {
  const pagina = computed(() => Math.max(1, Number(state.value.pagina) || 1));
  const perPagina = computed(() => Number(state.value.perPagina) || 20);
  const result = shallowRef<Page<T>>({ items: [], total: 0 });
  const loading = ref(false);
  const error = ref<string>();

  /** `quietly`: a refresh nobody asked for (the list changed elsewhere) shows no loading state. */
  async function load(quietly = false) {
    loading.value = !quietly;
    error.value = undefined;
    try {
      result.value = await fetchPage({ pagina: pagina.value, perPagina: perPagina.value });
    } catch (caught) {
      error.value = messageOf(caught);
      result.value = { items: [], total: 0 };
    } finally {
      loading.value = false;
    }
  }

  watch(state, () => load(), { immediate: true });
  return { pagina, perPagina, result, loading, error, reload: load };
}
