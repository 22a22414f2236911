import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** The tests that run against the engine suite's Docker Engine (test/README.md, "The engine suite"). */
const ENGINE_TESTS = ['test/engine/**/*.test.ts', 'test/e2e/drift/drift.test.ts', 'test/e2e/drift/reach-live.test.ts'];

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
    testTimeout: 30_000,
    // Removing a temporary tree of built projects can take a while on a busy machine.
    hookTimeout: 60_000,
    // The engine project's global teardown stops its dockerd, which stops its containers first.
    teardownTimeout: 60_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'rules/src/**/*.test.ts', 'extension/src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...ENGINE_TESTS],
        },
      },
      {
        // A real Docker Engine (test/README.md, "The engine suite"): one daemon, probe image and
        // outside namespace for the run, shared by the engine suite and the drift tests; files one
        // after another, each running its projects concurrently.
        extends: true,
        test: {
          name: 'engine',
          include: ENGINE_TESTS,
          globalSetup: ['test/support/engine/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 120_000,
          maxConcurrency: 4,
        },
      },
    ],
  },
});
