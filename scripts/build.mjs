#!/usr/bin/env node
/**
 * Builds every package in dependency order: schemas compiled to standalone
 * validators first (never at run time), then TypeScript project references.
 * Run by `npm run build` and by `npm ci` (the root `prepare` script).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

try {
  run(process.execPath, ['packages/core/scripts/build-schemas.mjs']);
  run(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'tsconfig.json']);
  chmodSync(join(root, 'packages/cli/dist/composure.js'), 0o755);
} catch {
  console.error('build failed');
  process.exit(1);
}
