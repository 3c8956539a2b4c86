// The inbox asks for its tabs' counts and its list's total on every reload — a page turned, a column
// sorted, an event of the live inbox — and counting a group's tens of thousands of tasks reads them all.
// A count is kept until a task changes: the same feed that wakes the live inbox (./live.ts) empties the
// cache, so no count outlives the change that made it wrong by more than that feed's short gathering;
// and a person's own action (a task taken, done) empties it before they are answered, so they never see
// the counts of before it.
import type { TaskChangeFeed } from './live';

const MAX_ENTRIES = 10_000;

export interface CountCache {
  /** `compute`'s answer for `key`, computed once until a task changes. */
  count(key: string, compute: () => Promise<number>): Promise<number>;
  /** Tasks changed: every count is computed afresh. */
  forget(): void;
}

export function createCountCache(changes: TaskChangeFeed): CountCache {
  const entries = new Map<string, number>();
  // Counts being computed: people asking the same at once (a group's members after a change) share one.
  const computing = new Map<string, Promise<number>>();
  // A count that was being computed when a change came may have missed it: it is answered, not kept.
  let generation = 0;
  const forget = () => {
    generation++;
    entries.clear();
    computing.clear();
  };
  changes.subscribe(forget);
  return {
    forget,
    count(key, compute) {
      const known = entries.get(key);
      if (known !== undefined) return Promise.resolve(known);
      const shared = computing.get(key);
      if (shared) return shared;
      const started = generation;
      const counting = compute().then(
        (value) => {
          if (generation !== started) return value;
          computing.delete(key);
          if (entries.size >= MAX_ENTRIES) entries.clear();
          entries.set(key, value);
          return value;
        },
        (error: unknown) => {
          if (computing.get(key) === counting) computing.delete(key);
          throw error;
        },
      );
      computing.set(key, counting);
      return counting;
    },
  };
}

const caches = new WeakMap<TaskChangeFeed, CountCache>();

/** One cache per feed, that is per API process. */
export function countCacheOf(changes: TaskChangeFeed): CountCache {
  let cache = caches.get(changes);
  if (!cache) caches.set(changes, (cache = createCountCache(changes)));
  return cache;
}
