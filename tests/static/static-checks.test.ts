import { execFile } from 'node:child_process';
import path from 'node:path';

// The tests run through SWC, which strips types without checking them, and nothing else in `npm test` reads
// the lint rules: here the strict TypeScript of the platform and of the inbox, and ESLint with no warning
// left, so CI refuses what they refuse. The three run side by side.

const root = path.resolve(__dirname, '../..');
const bin = (name: string) => path.join(root, 'node_modules', '.bin', name);

function run(command: string, args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: root, maxBuffer: 32 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, output: `${stdout}${stderr}`.trim() });
    });
  });
}

test('when the code is type-checked and linted, then TypeScript (platform and inbox) and ESLint find nothing', async () => {
  const [platform, inbox, lint] = await Promise.all([
    run(bin('tsc'), ['--noEmit', '-p', 'tsconfig.json']),
    run(bin('vue-tsc'), ['--noEmit', '-p', 'ui/tsconfig.json']),
    run(bin('eslint'), ['.', '--max-warnings', '0']),
  ]);

  expect({ platform, inbox, lint }).toEqual({
    platform: { code: 0, output: '' },
    inbox: { code: 0, output: '' },
    lint: { code: 0, output: '' },
  });
}, 300_000);
