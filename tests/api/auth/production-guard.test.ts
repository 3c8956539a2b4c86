// Nobody runs the demo sign-in in production by mistake, and the API is not reachable from other
// machines unless asked: the local identity provider lets anyone sign in as anyone.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, PROJECT_ROOT } from '../../../platform/config';

const broker = { OIDC_ISSUER: 'https://broker.regione.puglia.example', OIDC_CLIENT_ID: 'push', OIDC_CLIENT_SECRET: 'segreto' };

test('when HOST is not set, then the API listens on the loopback only', () => {
  expect(loadConfig({}).HOST).toBe('127.0.0.1');
});

test('when HOST is set, then the API listens there', () => {
  expect(loadConfig({ HOST: '0.0.0.0' }).HOST).toBe('0.0.0.0');
});

test.each([
  [{ PUBLIC_URL: 'https://push.regione.puglia.example' }],
  [{ NODE_ENV: 'production' }],
  [{ NODE_ENV: 'production', PUBLIC_URL: 'http://localhost:3000', PUSH_ALLOW_LOCAL_IDP: 'false' }],
])('when %p has no identity broker, then the local identity provider is refused, naming the variables', (env) => {
  expect(() => loadConfig(env)).toThrow(/local identity provider.*anyone.*OIDC_ISSUER.*PUSH_ALLOW_LOCAL_IDP=true/s);
});

test.each([
  [{}],
  [{ PUBLIC_URL: 'http://localhost:3000', NODE_ENV: 'development' }],
  [{ PUBLIC_URL: 'https://demo.push.example', PUSH_ALLOW_LOCAL_IDP: 'true' }],
  [{ NODE_ENV: 'production', ...broker }],
])('when %p, then the configuration is accepted', (env) => {
  expect(() => loadConfig(env)).not.toThrow();
});

test('when PUSH_ALLOW_LOCAL_IDP is not true or false, then the configuration names it', () => {
  expect(() => loadConfig({ PUSH_ALLOW_LOCAL_IDP: 'yes' })).toThrow(/PUSH_ALLOW_LOCAL_IDP/);
});

test('when npm start runs with NODE_ENV=production and no broker, then it stops before starting anything, saying why', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'push-guard-'));
  try {
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = execFile(
        path.join(PROJECT_ROOT, 'node_modules/.bin/tsx'),
        [path.join(PROJECT_ROOT, 'platform/start.ts')],
        // Ports of nobody's: if the guard failed, nothing here would collide with another run.
        { env: { PATH: process.env.PATH, NODE_ENV: 'production', PUSH_DATA_DIR: dataDir, PORT: '1', EMBEDDED_POSTGRES_PORT: '2' }, timeout: 60_000 },
        (_error, stdout, stderr) => resolve({ code: child.exitCode, output: `${stdout}${stderr}` }),
      );
    });
    expect(output).toMatch(/lets anyone\s+sign in as anyone/);
    expect(output).toContain('PUSH_ALLOW_LOCAL_IDP=true');
    expect(code).toBe(1);
    expect(output).not.toContain('embedded PostgreSQL');
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});
