import { listIncidenti } from '@/services/incidenti';
import { readonly, ref } from 'vue';

const count = ref(0);

/** How many incidents wait for an administrator: the navigation's badge, refreshed after each answer. */
export function useIncidentiAperti() {
  async function refresh() {
    try {
      count.value = (await listIncidenti('APERTO')).length;
    } catch {
      // The badge is a hint: the incidents page says what went wrong when it is opened.
    }
  }
  return { count: readonly(count), refresh };
}
