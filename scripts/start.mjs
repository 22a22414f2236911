#!/usr/bin/env node
/**
 * `npm start`: what composure does, on the example projects. For each one it lints,
 * prints the reachability view (with what the services mean to reach: their intents),
 * and writes the topology diagram (SVG and HTML) to out/<example>/ — open the HTML in a
 * browser. Then the HA web app's NGINX variant, and `composure suggest` on three-tier. Findings are expected: the examples
 * keep a few realistic mistakes on purpose. Exits 0 unless the CLI itself fails;
 * when something it needs is missing it says what, in one line, and exits 2.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'packages/cli/dist/composure.js');
const examples = ['examples/three-tier', 'examples/microservices', 'examples/ha-web-app'];
const color = process.stdout.isTTY ? ['--color'] : [];

function fail(message) {
  console.error(`npm start: ${message}`);
  process.exit(2);
}

if (!existsSync(cli)) fail(`${relative(root, cli)} is missing: run \`npm ci\` (or \`npm run build\`) first.`);
for (const example of examples) if (!existsSync(join(root, example, 'compose.yaml'))) fail(`${example}/compose.yaml is missing.`);

/**
 * Runs the CLI with the terminal attached; 0 and 1 (findings) are both fine here.
 * Its standard error is kept apart: the CLI writes nothing there on a good run, so
 * anything it wrote (a crash, a failed chunk load) means the run failed, whatever its exit code.
 */
function composure(args) {
  const result = spawnSync(process.execPath, [cli, ...args], { cwd: root, stdio: ['inherit', 'inherit', 'pipe'], encoding: 'utf8' });
  const stderr = result.stderr.trim();
  if ((result.status !== 0 && result.status !== 1) || stderr !== '') {
    const firstLine = stderr.split('\n')[0] || `exit ${result.status ?? result.signal}`;
    fail(`composure ${args.join(' ')} failed: ${firstLine}`);
  }
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

const banner = (text) => console.log(`\n${text} ${'━'.repeat(Math.max(0, 78 - text.length - 1))}\n`);
banner('━━ examples/ha-web-app with NGINX (compose.nginx.yaml)');
const nginx = ['-f', 'examples/ha-web-app/compose.yaml', '-f', 'examples/ha-web-app/compose.nginx.yaml'];
console.log(`$ composure reach ${nginx.join(' ')}`);
composure(['reach', ...nginx, ...color]);
banner('━━ least privilege: composure suggest');
console.log('$ composure suggest examples/three-tier');
composure(['suggest', 'examples/three-tier']);
