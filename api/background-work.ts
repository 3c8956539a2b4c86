// Work the API goes on with after it has answered (an Excel export being written, the sweep of stale
// uploads at start, the delivery of a submission already recorded): a stop waits for it, bounded, before
// closing the database it uses — a job cut short would fail against a closed database and report it after
// its process (or its test) believed it stopped.
import { performance, type EventLoopUtilization } from 'node:perf_hooks';
import type { RequestHandler } from 'express';

/** Queued work waits while the event loop was busier than this over the last moment… */
const SATURATED = 0.85;
/** …measured over this long… */
const LOOK_MS = 25;
/** …or while more changes than this are being answered (a burst: the event loop also waits on the database)… */
const BUSY_REQUESTS = 8;
/** …but no job waits longer than this for it. */
const MAX_HOLD_MS = 3_000;

export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();
  /** Queued jobs not yet started, and how many of them run now. */
  private readonly waiting: { work: () => Promise<unknown>; since: number }[] = [];
  private queuedRunning = 0;
  private retry: NodeJS.Timeout | undefined;
  private lastLook: EventLoopUtilization = performance.eventLoopUtilization();
  private wasSaturated = false;
  private answering = 0;

  /** `queueConcurrency`: how many queued jobs (`enqueue`) run at once. */
  constructor(private readonly queueConcurrency = 4) {}

  /** Runs `work` in the background; its failure is its own to report (it is only awaited here). */
  track(work: Promise<unknown>): void {
    const done: Promise<void> = work.then(
      () => undefined,
      () => undefined,
    ).finally(() => this.running.delete(done));
    this.running.add(done);
  }

  /**
   * Runs `work` once fewer than `queueConcurrency` queued jobs run and the API is not busy (few changes being
   * answered, the event loop not saturated), or the job has waited MAX_HOLD_MS: work that may wait a moment
   * and must not crowd out the requests being answered — a burst of submissions answers first and delivers
   * them right after.
   */
  enqueue(work: () => Promise<unknown>): void {
    this.waiting.push({ work, since: performance.now() });
    this.startQueued();
  }

  /**
   * Middleware counting the requests that change something (not GET: an inbox's live feed stays open for
   * hours) being answered; mounted first.
   */
  readonly countRequests: RequestHandler = (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    this.answering++;
    let counted = true;
    const answered = () => {
      if (counted) this.answering--;
      counted = false;
    };
    res.once('finish', answered);
    res.once('close', answered);
    next();
  };

  /** Whether queued work should wait: many changes being answered, or a saturated event loop. */
  private busy(): boolean {
    return this.answering > BUSY_REQUESTS || this.saturated();
  }

  /** Whether the event loop was saturated since the last look (looked at most every LOOK_MS). */
  private saturated(): boolean {
    const now = performance.eventLoopUtilization();
    const since = performance.eventLoopUtilization(now, this.lastLook);
    if (since.idle + since.active < LOOK_MS) return this.wasSaturated;
    this.lastLook = now;
    this.wasSaturated = since.utilization > SATURATED;
    return this.wasSaturated;
  }

  private startQueued(): void {
    if (this.retry) return;
    while (this.queuedRunning < this.queueConcurrency && this.waiting.length > 0) {
      if (this.busy() && performance.now() - this.waiting[0]!.since < MAX_HOLD_MS) {
        this.retry = setTimeout(() => {
          this.retry = undefined;
          this.startQueued();
        }, LOOK_MS);
        return;
      }
      const next = this.waiting.shift()!.work;
      this.queuedRunning++;
      // Started before this job's own entry is dropped, so `settled` never sees the queue empty midway.
      this.track(Promise.resolve().then(next).finally(() => {
        this.queuedRunning--;
        this.startQueued();
      }));
    }
  }

  /** Resolves when the work running or queued now has ended, or after `withinMs`. */
  async settled(withinMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    let timedOut = false;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(() => resolve(void (timedOut = true)), withinMs)));
    while (!timedOut && (this.running.size > 0 || this.waiting.length > 0)) {
      const next = this.running.size > 0 ? Promise.all(this.running) : new Promise((resolve) => setTimeout(resolve, LOOK_MS));
      await Promise.race([next, waited]);
    }
    clearTimeout(timer);
  }
}
