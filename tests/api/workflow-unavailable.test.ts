// The engine unavailable for a moment (no worker polling yet, the server unreachable): a read is tried
// again for a while, and a request that still cannot be answered gets a 503 saying to retry, never a 500.
import { ServiceError } from '@temporalio/client';
import { isEngineUnavailable, readWorkflow } from '../../api/workflow-unavailable';

const unavailable = (code: number) => new ServiceError('Failed to query Workflow', { cause: Object.assign(new Error('no poller seen for task queue recently'), { code }) });

describe('reads of a workflow while the engine cannot answer', () => {
  it('tells a passing unavailability (no poller, unreachable, deadline) from any other failure', () => {
    expect([4, 9, 14].map((code) => isEngineUnavailable(unavailable(code)))).toEqual([true, true, true]);
    expect(isEngineUnavailable(unavailable(5))).toBe(false);
    expect(isEngineUnavailable(new Error('no poller'))).toBe(false);
  });

  it('tries again until the engine answers, within the time given', async () => {
    let calls = 0;
    const answer = await readWorkflow(async () => {
      calls += 1;
      if (calls < 3) throw unavailable(9);
      return 'risposta';
    }, 5_000);
    expect([answer, calls]).toEqual(['risposta', 3]);
  });

  it('gives up with the engine\'s failure past the time given, and at once on any other failure', async () => {
    const started = Date.now();
    await expect(readWorkflow(() => Promise.reject(unavailable(14)), 600)).rejects.toBeInstanceOf(ServiceError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(600);
    let calls = 0;
    await expect(readWorkflow(() => {
      calls += 1;
      return Promise.reject(new Error('query failed: bad arguments'));
    })).rejects.toThrow('bad arguments');
    expect(calls).toBe(1);
  });
});
