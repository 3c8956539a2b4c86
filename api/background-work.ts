// Work the API goes on with after it has answered (an Excel export being written, the sweep of stale
// uploads at start): a stop waits for it, bounded, before closing the database it uses — a job cut short
// would fail against a closed database and report it after its process (or its test) believed it stopped.
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  /** Runs `work` in the background; its failure is its own to report (it is only awaited here). */
  track(work: Promise<unknown>): void {
    const done: Promise<void> = work.then(
      () => undefined,
      () => undefined,
    ).finally(() => this.running.delete(done));
    this.running.add(done);
  }

  /** Resolves when the work running now has ended, or after `withinMs`. */
  async settled(withinMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, withinMs)));
    await Promise.race([Promise.all(this.running), waited]);
    clearTimeout(timer);
  }
}
