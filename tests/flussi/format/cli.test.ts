import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from './xmllint';

const run = promisify(execFile);
const TSX = path.join(PROJECT_ROOT, 'node_modules/.bin/tsx');
const SCRIPT = path.join(PROJECT_ROOT, 'scripts/generate-stock.ts');

describe('tsx scripts/generate-stock.ts', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'push-stock-cli-')); });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('when run with --out, --seed, --date and --scale, then it writes the flussi and a manifest and prints a summary', async () => {
    const out = path.join(dir, 'stock');
    const { stdout } = await run(TSX, [SCRIPT, '--out', out, '--seed', '3', '--date', '2025-06-30', '--scale', '0.02']);
    expect(stdout).toContain('ARCA Puglia Centrale');
    expect(stdout).toMatch(/\d+ files, \d+ units in the first semester/);
    const files = await readdir(out);
    expect(files).toContain('720000_2025-06-30.xml');
    const manifest = JSON.parse(await readFile(path.join(out, 'manifest.json'), 'utf8')) as { seed: number; files: unknown[] };
    expect(manifest.seed).toBe(3);
    expect(files).toHaveLength(manifest.files.length + 1);
  });

  it.each([
    ['a date that is no 30/06 or 31/12', ['--date', '2025-11-30'], /30 June or a 31 December/],
    ['no --out', [], /Usage/],
    ['a scale of 0', ['--scale', '0'], /--scale must be a positive number/],
  ])('when run with %s, then it fails with a message', async (_case, args, message) => {
    const withOut = args.length === 0 ? [] : ['--out', path.join(dir, 'bad'), ...args];
    await expect(run(TSX, [SCRIPT, ...withOut])).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(message) });
  });
});
