import { computed } from 'vue';
import { useRoute, useRouter } from 'vue-router';

/**
 * A list's state (filters, sort, page) kept in the URL query, so a link reproduces the view.
 * Values equal to their default stay out of the URL; changing anything but `pagina` goes back to page 1.
 */
export function useQueryState<T extends Record<string, string>>(defaults: T) {
  const route = useRoute();
  const router = useRouter();
  const routeName = route.name;

  const state = computed<T>((previous) => {
    // While the router leaves this page the query belongs to the next one: keep the last state.
    if (previous && route.name !== routeName) return previous;
    const next: T = { ...defaults };
    for (const key of Object.keys(defaults) as (keyof T & string)[]) {
      const value = route.query[key];
      if (typeof value === 'string') next[key] = value as T[typeof key];
    }
    return previous && JSON.stringify(previous) === JSON.stringify(next) ? previous : next;
  });

  function update(patch: Partial<T>) {
    const next: Record<string, string> = { ...state.value, ...patch };
    const changesMoreThanPage = Object.keys(patch).some((key) => key !== 'pagina' && patch[key] !== state.value[key]);
    if ('pagina' in defaults && changesMoreThanPage && !('pagina' in patch)) next.pagina = defaults.pagina!;
    const query: Record<string, string> = {};
    for (const [key, value] of Object.entries(next)) if (value !== defaults[key]) query[key] = value;
    return router.push({ query });
  }

  return { state, update };
}
