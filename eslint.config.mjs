// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/build/**',
      '**/dist/**',
      '.turbo/**',
      '.cache/**',
      'examples/image/**',
      'release/**',
      'jenkins-shared-lib/resources/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: [
      'scripts/**',
      'examples/**',
      'bench/**',
      'test/**',
      'packages/*/build.mjs',
      '**/*.test.ts',
      '**/*.itest.ts',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['packages/cli/src/**'],
    rules: { 'no-console': 'off' },
  },
);
