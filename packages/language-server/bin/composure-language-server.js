#!/usr/bin/env node
// The package's bin, committed beside the bundle that `npm run build` writes into dist/:
// `npm ci` links a workspace's bins before the root `prepare` script has built dist/, and
// npm skips a bin whose file does not exist yet, so a bin pointing into dist/ was never linked.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/composure-language-server.js', import.meta.url));
if (existsSync(bundle)) {
  await import('../dist/composure-language-server.js');
} else {
  process.stderr.write(`composure-language-server: ${bundle} is missing: run \`npm run build\` in the composure repository\n`);
  process.exitCode = 2;
}
