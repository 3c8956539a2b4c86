// The upload folder after a crash: files a killed process left mid-upload go, uploads in flight stay.
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { STALE_UPLOAD_MS, sweepStaleUploads } from '../../api/flussi/stale-uploads';

describe('sweeping the upload folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'push-uploads-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('when a partial upload was left untouched for over an hour, then it is removed and a fresh one stays', async () => {
    await writeFile(path.join(dir, 'abbandonato'), 'x'.repeat(1024));
    await writeFile(path.join(dir, 'in-corso'), 'x');
    const old = new Date(Date.now() - STALE_UPLOAD_MS - 60_000);
    await utimes(path.join(dir, 'abbandonato'), old, old);
    expect(await sweepStaleUploads(dir)).toBe(1);
    expect(await readdir(dir)).toEqual(['in-corso']);
  });

  it('when the folder does not exist yet, then there is nothing to sweep', async () => {
    await expect(sweepStaleUploads(path.join(dir, 'mai-creata'))).resolves.toBe(0);
  });
});
