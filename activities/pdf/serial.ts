/** Runs tasks one at a time, in call order: a tiny mutex around the renderer's single page. */
export function createSerialQueue() {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run<T>(task: () => Promise<T>): Promise<T> {
      const result = tail.then(task);
      // The next task waits for this one to settle, not to succeed; the caller gets this one's error.
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

/** Rejects after `ms` naming the step, for the puppeteer calls that take no timeout of their own. */
export async function withTimeout<T>(work: Promise<T>, ms: number, step: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`PDF: "${step}" took more than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
