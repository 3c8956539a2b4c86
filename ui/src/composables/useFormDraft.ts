import { ref, toRaw, watch, type Ref } from 'vue';
import { useRoute } from 'vue-router';
import { useSession } from './useSession';

/**
 * Keeps what a person types in a form as a draft in the browser tab (sessionStorage), so that a session
 * that expires before sending, and the sign-in it leads to, loses nothing: back on the page, the form is
 * as it was. Per person and page, so someone else signing in on the same tab never sees it. Files cannot
 * be kept: the page says they have to be chosen again.
 *
 * Call it where the fields are declared, before any watcher that reacts to them (a restored value must
 * not look like a change the person made).
 */
export function useFormDraft(name: string, fields: Record<string, Ref<unknown>>) {
  const { me } = useSession();
  const key = `push:bozza:${me.value?.user.id ?? 'anonimo'}:${useRoute().path}:${name}`;
  const snapshot = () => JSON.stringify(Object.fromEntries(Object.entries(fields).map(([field, value]) => [field, toRaw(value.value)])));
  const initial = snapshot();
  const restored = ref(false);

  const saved = read(key);
  if (saved) {
    for (const [field, value] of Object.entries(saved)) if (field in fields) fields[field]!.value = value;
    restored.value = true;
  }

  watch(snapshot, (now) => {
    if (now === initial) sessionStorage.removeItem(key);
    else sessionStorage.setItem(key, now);
  });

  return {
    /** The form shows a draft kept from before (say, before signing in again). */
    restored,
    /** Back to an empty form. */
    discard() {
      for (const [field, value] of Object.entries(JSON.parse(initial) as Record<string, unknown>)) fields[field]!.value = value;
      sessionStorage.removeItem(key);
      restored.value = false;
    },
    /** The form was sent: nothing to keep. */
    clear() {
      sessionStorage.removeItem(key);
      restored.value = false;
    },
  };
}

function read(key: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(key) ?? 'null');
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
