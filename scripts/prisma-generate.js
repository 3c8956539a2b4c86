// Generates the Prisma client offline. Prisma's CLI wants a schema-engine binary even for `generate`,
// which never runs it; it would download one from Prisma's host, unreachable on many networks. Pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies that check (see ENVIRONMENT.md).
const { execFileSync } = require('node:child_process');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
execFileSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.execPath, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
});
