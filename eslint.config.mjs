/**
 * ESLint for the whole repository: `npm run lint` (with `prettier --check`), run first by `npm test`.
 * Prettier alone holds the layout (eslint-config-prettier, last, turns off every rule it owns);
 * ESLint looks for bugs. TypeScript gets typescript-eslint's recommended type-aware rules (the
 * ones that catch real bugs: floating and misused promises, awaiting non-promises, `any` leaking
 * out of untyped input, objects stringified as "[object Object]", methods detached from `this`),
 * plus the few listed below. The types come from one program over every file linted,
 * tsconfig.eslint.json, with @relaxlab/* resolved to the sources (as jest does), so nothing needs
 * to be built first. Every rule turned off below says why.
 */
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const TESTS = ['packages/*/test/**/*.ts', 'test/**/*.ts'];
/** The browser side of packages/app (bundled by rspack); its config and loaders run in Node. */
const APP_BROWSER = ['packages/app/index.js', 'packages/app/bootstrap.js'];

const typeInformation = {
  parserOptions: { project: './tsconfig.eslint.json', tsconfigRootDir: import.meta.dirname },
};

/** `_name` marks a binding left unused on purpose (as tsc's noUnusedParameters reads it); `{ a: _a, ...rest }` omits a field. */
const unusedVars = [
  'error',
  {
    argsIgnorePattern: '^_',
    varsIgnorePattern: '^_',
    caughtErrorsIgnorePattern: '^_',
    destructuredArrayIgnorePattern: '^_',
    ignoreRestSiblings: true,
  },
];

export default defineConfig(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      'packages/jupyterlab/lib/',
      'packages/jupyterlab/relaxlab_jupyterlab/labextension/',
      'packages/app/build/',
      'coverage/',
      'test-artifacts/',
      '.jupyter-prefix/',
      'work/',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  js.configs.recommended,
  { languageOptions: { globals: globals.node }, rules: { 'no-unused-vars': unusedVars } },

  // TypeScript: sources and tests
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: typeInformation,
    rules: {
      '@typescript-eslint/no-unused-vars': unusedVars,
      // `import x = require('m')` is TypeScript's typed import of a CommonJS module (fft.js); plain require() stays an error
      '@typescript-eslint/no-require-imports': ['error', { allowAsImport: true }],
      eqeqeq: ['error', 'smart'],
      // results are unions tagged by `kind` (and columns by `role`): a switch over one must name every member, so adding a member shows each place to extend
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // `return await` inside try, so the catch sees the rejection; elsewhere either is fine
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
    },
  },
  {
    files: TESTS,
    rules: {
      // Tests read what the faces wrote as JSON (`--json` output, results.json, notebooks, Vega-Lite
      // specs) and assert on it with expect(), which is the check; typing every parsed document
      // would add casts, not safety. The sources keep these rules.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },

  // JavaScript: scripts/, bench/, examples/, test support, packages/app and the CLI's bin. Untyped, so
  // the `any`-tracking rules would flag every value; the promise rules still see the types that
  // TypeScript infers (async functions, fs/promises, child processes).
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.base],
    languageOptions: typeInformation,
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  { files: ['**/*.js'], ignores: APP_BROWSER, languageOptions: { sourceType: 'commonjs' } },
  { files: APP_BROWSER, languageOptions: { sourceType: 'module', globals: globals.browser } },

  prettier,
);
