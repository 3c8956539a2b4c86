// Lint: TypeScript's recommended rules, and the workflow sandbox rule from STYLE.md — workflows import
// activities and adapters only as types, so no Node built-in or side effect can leak into them.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'ui/', 'prisma/generated/', '.data/', '.tools/', 'coverage/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['workflows/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/activities', '**/activities/**', '**/api/**', '**/platform/**', '**/prisma/**'], allowTypeImports: true, message: 'Workflows import activities and adapters only as types.' },
          { group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'child_process'], message: 'No Node built-ins in workflow code.' },
        ],
      }],
    },
  },
);
