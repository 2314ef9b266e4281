// Lint: typescript-eslint's strict type-checked rules, no import cycles, no unused code.
// Formatting is prettier's (`npm run format:check`); eslint-config-prettier turns off the rules it owns.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'data/**', 'public/**', 'scratch/**', 'bench-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver()] },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'import-x/no-cycle': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Numbers in template text (ids, counts, SQL placeholders) are plain text; anything else must be a string.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `(x) => doSomething(x)` as a callback reads clearly; a void value returned from a block still fails.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Assumes `noUncheckedIndexedAccess`, which is off: it would have us delete the guards on `rows[0]`
      // and on request input whose declared type is narrower than what arrives (decision 0014).
      '@typescript-eslint/no-unnecessary-condition': 'off',
    },
  },
  {
    // A test's `!` is its assertion: a wrong guess fails the test at once.
    files: ['tests/**', '**/*.test.ts', 'bench/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.cjs'], extends: [tseslint.configs.disableTypeChecked] },
  { files: ['src/views/**/*.js', 'assets/**/*.js'], languageOptions: { globals: { ...globals.browser } } },
  prettier,
);
