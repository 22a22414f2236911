// composure's own code, linted by `npm run lint` (and so by `npm test`), with zero warnings allowed.
// Formatting is Prettier's (.prettierrc.json); ESLint's recommended rules and typescript-eslint's
// catch mistakes, not style.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      '**/generated/**',
      'out/**',
      'coverage/**',
      '.bench-tmp/**',
      'packages/core/vendor/**',
      'test/corpus/**',
      'test/conformance/**',
      'test/sarif/**',
      '**/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Control characters in patterns are the point where they appear: user text is escaped or refused for them.
      'no-control-regex': 'off',
      // `_name` marks a value kept for its position (a destructured rest, an unused callback argument).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true }],
    },
  },
  {
    // CommonJS probes loaded with node --require.
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
