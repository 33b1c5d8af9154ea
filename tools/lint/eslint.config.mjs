// ESLint for comment-box: `npm run lint` runs it from the repository root with this config.
// typescript-eslint (syntax rules, no type information), Lit, Lit accessibility and web-component
// rules for the element; Node globals for the server, scripts and tests. Formatting is Prettier's.
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'build-check/**',
      'screenshots/**',
      'bench/results/**',
      'data/**',
      'tools/lint/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // `_`-prefixed names are deliberately unused (destructuring away a field, a required parameter).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // French typography puts no-break spaces before `:` and `?`, also in template literals.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true }],
    },
  },
  {
    // Tests reach into answers and private state of what they test.
    files: ['test/**/*.ts', 'server/test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'demo/**/*.{ts,js}'],
    ignores: ['test/node/**'],
    languageOptions: { globals: globals.browser },
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts'],
    ignores: ['test/node/**'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['src/**/*.ts'],
    ...litA11y.configs.recommended,
  },
  {
    files: [
      'server/**/*.{ts,mjs,js}',
      'scripts/**/*.{mjs,js,ts}',
      'bench/**/*.{mjs,js,ts}',
      'test/node/**/*.ts',
      '*.config.{ts,mjs}',
      '.ci/**',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Scripts that also run code in a page (page.evaluate).
    files: ['bench/**/*.{mjs,js}', 'scripts/screenshots.mjs'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
);
