import { createCountCache } from '../../api/tasks/count-cache';
import type { TaskChangeFeed, TaskChangeListener } from '../../api/tasks/live';

/** The feed as the cache hears it: `change()` is a task changing in the database. */
function feed(): TaskChangeFeed & { change(): void } {
  const listeners = new Set<TaskChangeListener>();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      listeners.clear();
    },
    change() {
      for (const listener of listeners) listener(['task-1']);
    },
  };
}

/** A count that answers when told to, and says how often it was asked. */
function deferredCount() {
  let answer: (value: number) => void = () => undefined;
  let fail: (error: Error) => void = () => undefined;
  const compute = jest.fn(() => new Promise<number>((resolve, reject) => {
    answer = resolve;
    fail = reject;
  }));
  return { compute, answer: (value: number) => answer(value), fail: (error: Error) => fail(error) };
}

describe('the inbox counts cache', () => {
  it('when many ask the same count at once, then it is computed once and all get it, and later asks read it', async () => {
    const cache = createCountCache(feed());
    const { compute, answer } = deferredCount();
    const asked = [cache.count('gruppi', compute), cache.count('gruppi', compute), cache.count('gruppi', compute)];
    answer(42);
    expect(await Promise.all(asked)).toEqual([42, 42, 42]);
    expect(await cache.count('gruppi', compute)).toBe(42);
    expect(compute).toHaveBeenCalledTimes(1);
  });

  it('when a task changes while a count is computed, then that count is answered but not kept, and not shared with later asks', async () => {
    const changes = feed();
    const cache = createCountCache(changes);
    const first = deferredCount();
    const before = cache.count('gruppi', first.compute);
    changes.change();
    const second = deferredCount();
    const after = cache.count('gruppi', second.compute);
    first.answer(7);
    second.answer(8);
    expect([await before, await after]).toEqual([7, 8]);
    expect(await cache.count('gruppi', first.compute)).toBe(8);
    expect(first.compute).toHaveBeenCalledTimes(1);
  });

  it('when a count fails, then those waiting hear the failure and the next ask computes again', async () => {
    const cache = createCountCache(feed());
    const failing = deferredCount();
    const asked = [cache.count('mie', failing.compute), cache.count('mie', failing.compute)];
    failing.fail(new Error('database unreachable'));
    await expect(Promise.all(asked)).rejects.toThrow('database unreachable');
    const retry = deferredCount();
    const again = cache.count('mie', retry.compute);
    retry.answer(3);
    expect(await again).toBe(3);
    expect(failing.compute).toHaveBeenCalledTimes(1);
  });
});
