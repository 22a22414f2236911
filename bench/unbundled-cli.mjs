#!/usr/bin/env node
/**
 * The CLI entry (packages/cli/src/composure.ts) run from tsc's unbundled output
 * (packages/cli/dist/main.js and its imports) instead of the minified bundle, so
 * that CPU profiles show real function and file names:
 *
 *   node --cpu-prof --cpu-prof-dir /tmp/prof bench/unbundled-cli.mjs lint FILE
 *   node bench/profile-summary.mjs /tmp/prof/*.cpuprofile
 *
 * Module loading is slower here than in the bundle (~80 modules instead of one).
 */
import { main } from '../packages/cli/dist/main.js';
import { readAll } from '../packages/cli/dist/io.js';

const io = {
  stdout: process.stdout,
  stderr: process.stderr,
  readStdin: () => readAll(process.stdin),
  env: process.env,
  cwd: process.cwd(),
};
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});
main(process.argv.slice(2), io).then((code) => {
  process.exitCode = code;
});
