// What the API goes on with after answering is waited for at a stop, within a bound.
import { performance } from 'node:perf_hooks';
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
});
