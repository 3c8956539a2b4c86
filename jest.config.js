/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs', ignoreDynamic: true } }] },
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
  testTimeout: 120_000,
  // Jest 30 "soft-deletes" what a test file left on the global scope and wraps it in a guard; Prisma's
  // query compiler (WebAssembly, loaded once per process) keeps such an object, and writing through the
  // guard recursed until the stack overflowed in a later file. The files share one process on purpose.
  testEnvironmentOptions: { globalsCleanup: 'off' },
  // Tests start real servers; a file that leaves a handle open is a bug, not a reason to wait.
  forceExit: false,
};
