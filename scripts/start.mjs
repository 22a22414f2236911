#!/usr/bin/env node
/**
 * `npm start`: what composure does, on the example projects. For each one it lints,
 * prints the reachability view, and writes the topology diagram (SVG and HTML) to
 * out/<example>/ — open the HTML in a browser. Findings are expected: the examples
 * keep a few realistic mistakes on purpose. Exits 0 unless the CLI itself fails.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages/cli/dist/composure.js');
const examples = ['examples/three-tier', 'examples/microservices', 'examples/ha-web-app'];
const color = process.stdout.isTTY ? ['--color'] : [];

/** Runs the CLI with the terminal attached; 0 and 1 (findings) are both fine here. */
function composure(args) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0 && result.status !== 1) process.exit(result.status ?? 2);
}

for (const example of examples) {
  const banner = `━━ ${example} `;
  console.log(`\n${banner}${'━'.repeat(Math.max(0, 78 - banner.length))}\n`);
  console.log(`$ composure lint ${example}`);
  composure(['lint', example, ...color]);
  console.log(`\n$ composure reach ${example}`);
  composure(['reach', example, ...color]);
  const out = join(root, 'out', example.replace(/^examples\//, ''));
  mkdirSync(out, { recursive: true });
  for (const format of ['svg', 'html']) composure(['graph', example, '--format', format, '-o', join(out, `topology.${format}`)]);
  console.log(`\nDiagram: ${relative(root, join(out, 'topology.html'))} (and topology.svg)`);
}
