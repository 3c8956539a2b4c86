import { messageOf } from '@/services/errors';
import { getRiepilogo, type Riepilogo } from '@/services/patrimonio';
import { computed, ref, shallowRef, watch } from 'vue';

/**
 * The visible stock's figures as of the date, and the enti it holds (the ente filter's choices): loaded
 * again when the date changes, not with the other filters.
 */
export function useStockEnti(data: () => string) {
  const riepilogo = shallowRef<Riepilogo>();
  const error = ref<string>();
  watch(
    data,
    async (current) => {
      try {
        const loaded = await getRiepilogo({ data: current, ente: '' });
        if (current !== data()) return;
        riepilogo.value = loaded;
        error.value = undefined;
      } catch (caught) {
        error.value = messageOf(caught);
      }
    },
    { immediate: true },
  );
  const enti = computed(() => (riepilogo.value?.byEnte ?? []).map((ente) => ({ id: ente.enteId, denominazione: ente.denominazione })));
  return { riepilogo, enti, error };
}
