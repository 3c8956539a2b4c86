// What the API goes on with after answering is waited for at a stop, within a bound.
import { performance } from 'node:perf_hooks';
import { EventEmitter } from 'node:events';
import type { Request, Response } from 'express';
import { BackgroundWork } from '../../api/background-work';

const after = (ms: number, fail = false) => new Promise<void>((resolve, reject) => setTimeout(() => (fail ? reject(new Error('failed')) : resolve()), ms));

describe('background work', () => {
  it('when work runs, then a stop waits for it to end, failed or not', async () => {
    const background = new BackgroundWork();
    let ended = 0;
    background.track(after(150).then(() => ended++));
    background.track(after(100, true).catch(() => ended++).then(() => Promise.reject(new Error('reported by the job itself'))));
    await background.settled(5_000);
    expect(ended).toBe(2);
  });

  it('when work outlasts the bound, then the stop goes on at the bound', async () => {
    const background = new BackgroundWork();
    background.track(after(3_000));
    const started = performance.now();
    await background.settled(200);
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('when nothing runs, then a stop does not wait', async () => {
    const started = performance.now();
    await new BackgroundWork().settled(5_000);
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('when jobs are queued, then at most the given number run at once, and a stop waits for the whole queue', async () => {
    const background = new BackgroundWork(2);
    let running = 0;
    let most = 0;
    let ended = 0;
    for (let index = 0; index < 7; index++) {
      background.enqueue(async () => {
        most = Math.max(most, ++running);
        try {
          await after(20, index === 3);
          ended++;
        } finally {
          running--;
        }
      });
    }
    await background.settled(5_000);
    // The failed one ended without counting; each of the other six did, never more than two at a time.
    expect([ended, most]).toEqual([6, 2]);
  });

  it('when the event loop is saturated (a burst of requests), then queued work waits until it breathes', async () => {
    const background = new BackgroundWork();
    // Busy for `ms`, then one turn of the loop: what a process answering many requests at once looks like.
    const busy = (ms: number) => new Promise<void>((resolve) => {
      const until = performance.now() + ms;
      while (performance.now() < until);
      setImmediate(resolve);
    });
    await busy(40);
    let ranAt = 0;
    background.enqueue(async () => {
      ranAt = performance.now();
    });
    const busyUntil = performance.now() + 300;
    while (performance.now() < busyUntil) await busy(20);
    await background.settled(5_000);
    expect(ranAt).toBeGreaterThanOrEqual(busyUntil - 25);
  });

  it('when many changes are being answered at once, then queued work waits until they are answered', async () => {
    const background = new BackgroundWork();
    const responses = Array.from({ length: 12 }, () => new EventEmitter());
    for (const res of responses) background.countRequests({ method: 'POST' } as Request, res as unknown as Response, () => undefined);
    // An inbox's live feed (a GET open for hours) is not counted.
    background.countRequests({ method: 'GET' } as Request, new EventEmitter() as unknown as Response, () => undefined);
    let ran = false;
    background.enqueue(async () => {
      ran = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(ran).toBe(false);
    for (const res of responses) {
      res.emit('finish');
      res.emit('close');
    }
    await background.settled(5_000);
    expect(ran).toBe(true);
  });
});
