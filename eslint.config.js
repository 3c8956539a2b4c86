// Lint: TypeScript's recommended rules everywhere, the UI's Vue files with Vue's recommended rules, and
// the workflow sandbox rule from STYLE.md — workflows import activities and adapters only as types, so no
// Node built-in or side effect can leak into them.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const vue = require('eslint-plugin-vue');

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'ui/dist/', 'prisma/generated/', '.data/', '.tools/', 'coverage/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', __dirname: 'readonly', require: 'readonly', module: 'writable', setTimeout: 'readonly', clearTimeout: 'readonly', URL: 'readonly', fetch: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  ...vue.configs['flat/recommended'],
  {
    files: ['ui/**/*.vue', 'ui/**/*.ts'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'], sourceType: 'module' },
    },
    rules: {
      // vue-tsc checks names (browser globals included): ESLint's no-undef would only repeat it, worse.
      'no-undef': 'off',
      // Vuetify's slot syntax (#[`item.x`]) and one-line templates read better than the formatter's layout.
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/multiline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/html-indent': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/first-attribute-linebreak': 'off',
      'vue/valid-v-slot': ['error', { allowModifiers: true }],
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
