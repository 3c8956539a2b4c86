// Every recorded path of every procedure replays against the current workflow code: a change that would
// make a running procedure non-deterministic fails here, before it reaches a worker (README, "Changing a
// workflow safely"). The fixtures are recorded with `RECORD_HISTORIES=1 npm test`.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import { workflowBundle } from '../../platform/worker';
import { PROCEDURE_WORKFLOW_TYPES } from '../../workflows/shared/procedures';
import { HISTORIES_DIR } from '../support/record-histories';

async function fixtures(): Promise<{ workflowId: string; history: temporal.api.history.v1.History }[]> {
  const names = (await readdir(HISTORIES_DIR)).filter((name) => name.endsWith('.binpb')).sort();
  return Promise.all(
    names.map(async (name) => ({
      workflowId: name.replace(/\.binpb$/, ''),
      history: temporal.api.history.v1.History.decode(await readFile(path.join(HISTORIES_DIR, name))),
    })),
  );
}

describe('recorded procedure histories', () => {
  it('cover every procedure', async () => {
    const recorded = await fixtures();
    for (const type of PROCEDURE_WORKFLOW_TYPES) {
      expect(recorded.filter((fixture) => fixture.workflowId.startsWith(`${type}-`)).length).toBeGreaterThan(0);
    }
  });

  it('replay against the current workflow code without non-determinism', async () => {
    const recorded = await fixtures();
    const bundle = await workflowBundle();
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories({ workflowBundle: bundle }, recorded)) {
      replayed++;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message.split('\n')[0]}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(recorded.length);
  }, 600_000);
});
