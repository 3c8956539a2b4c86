import { onBeforeUnmount, onMounted } from 'vue';

/** Not more often than this: a burst of changes (a campaign opening hundreds of tasks) is one reload. */
const AT_MOST_EVERY_MS = 1_000;

/**
 * Calls `changed` when tasks the person may see change (GET /api/tasks/eventi, server-sent events), and
 * after the stream was down for a while (changes may have been missed): the inbox reads again, keeping
 * its page and filters. The browser reconnects by itself; the server ends each stream after a while so
 * that the session and roles are checked again.
 */
export function useTaskChanges(changed: () => void) {
  let source: EventSource | undefined;
  let timer: number | undefined;
  let last = 0;
  let opened = false;

  const notify = () => {
    if (timer !== undefined) return;
    const wait = Math.max(0, last + AT_MOST_EVERY_MS - Date.now());
    timer = window.setTimeout(() => {
      timer = undefined;
      last = Date.now();
      changed();
    }, wait);
  };

  onMounted(() => {
    source = new EventSource('/api/tasks/eventi');
    source.addEventListener('attivita', notify);
    source.addEventListener('open', () => {
      if (opened) notify();
      opened = true;
    });
  });
  onBeforeUnmount(() => {
    source?.close();
    window.clearTimeout(timer);
  });
}
