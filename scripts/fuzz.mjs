#!/usr/bin/env node
/**
 * `npm run fuzz [-- RUNS [SEED]]`: the property-based tests of test/hardening/fuzz.test.ts with many more
 * cases than `npm test` runs (default 5,000 per property), and those of test/hardening/lsp-fuzz.test.ts
 * (RUNS / 10 random protocol sequences on the built language server: each is some 25 messages;
 * `npm run build` first). A failure prints fast-check's seed
 * and counterexample; `npm run fuzz -- 1 SEED` replays it. Every crash found becomes a
 * regression test beside the code it fixes.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [runs = '5000', seed] = process.argv.slice(2);
const env = { ...process.env, FUZZ_RUNS: runs, ...(seed === undefined ? {} : { FUZZ_SEED: seed }) };
const result = spawnSync(
  process.execPath,
  [join(root, 'node_modules/vitest/vitest.mjs'), 'run', 'test/hardening/fuzz.test.ts', 'test/hardening/lsp-fuzz.test.ts'],
  { cwd: root, env, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
