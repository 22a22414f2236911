import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against the TypeScript sources; the built packages are exercised by the CLI end-to-end tests.
    alias: [
      { find: /^@composure\/core$/, replacement: here('./packages/core/src/index.ts') },
      { find: /^@composure\/core\/rule-kit$/, replacement: here('./packages/core/src/rule-kit.ts') },
      { find: /^@composure\/engine$/, replacement: here('./packages/engine/src/index.ts') },
      { find: /^@composure\/graph$/, replacement: here('./packages/graph/src/index.ts') },
      { find: /^@composure\/rules$/, replacement: here('./rules/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'rules/src/**/*.test.ts', 'extension/src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    pool: 'forks',
  },
});
