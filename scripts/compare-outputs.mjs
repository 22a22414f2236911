#!/usr/bin/env node
/**
 * Behaviour kept across a refactor: the CLI's machine-readable output over the examples and the
 * corpus, written once before and compared after.
 *
 *   node scripts/compare-outputs.mjs --write DIR    record what the built CLI prints now
 *   node scripts/compare-outputs.mjs --check DIR    compare with a record; exit 1 on any difference
 *
 * For every example project and every corpus file on its own, it runs `lint --format json`,
 * `reach --format json`, `graph --format json` and `config --format json` in process, through the
 * CLI's `main(argv, io)` (packages/cli/dist/main.js, tsc's output: run `npm run build` first), with an
 * empty environment, from the repository root, and keeps each exit code, stdout and stderr (the
 * checkout's path written as <root>).
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const COMMANDS = ['lint', 'reach', 'graph', 'config'];

function usage() {
  console.error('Usage: node scripts/compare-outputs.mjs --write DIR | --check DIR');
  process.exit(2);
}
const [mode, dir] = process.argv.slice(2);
if (!['--write', '--check'].includes(mode) || !dir) usage();
const mainJs = join(root, 'packages/cli/dist/main.js');
if (!existsSync(mainJs)) {
  console.error(`compare-outputs: ${relative(root, mainJs)} is missing: run \`npm run build\` first.`);
  process.exit(2);
}
const { main } = await import(pathToFileURL(mainJs).href);

function yamlFiles(folder) {
  return readdirSync(folder)
    .sort()
    .flatMap((name) => {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) return yamlFiles(path);
      return /\.ya?ml(\.example)?$/.test(name) ? [path] : [];
    });
}

/** Each project as the CLI's arguments: example directories, and corpus files with -f. */
const projects = [
  ...readdirSync(join(root, 'examples'))
    .sort()
    .map((name) => ({ name: `examples/${name}`, args: [`examples/${name}`] })),
  ...yamlFiles(join(root, 'test/corpus')).map((path) => ({ name: relative(root, path), args: ['-f', relative(root, path)] })),
];

async function runCli(argv) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = [];
  const err = [];
  stdout.on('data', (chunk) => out.push(chunk));
  stderr.on('data', (chunk) => err.push(chunk));
  const code = await main(argv, { stdout, stderr, readStdin: async () => '', env: {}, cwd: root });
  // The checkout's own path is written as <root>, so that records compare across clones.
  const text = `exit ${code}\n--- stdout\n${Buffer.concat(out).toString('utf8')}\n--- stderr\n${Buffer.concat(err).toString('utf8')}`;
  return text.split(root).join('<root>');
}

let differences = 0;
let compared = 0;
for (const project of projects) {
  for (const command of COMMANDS) {
    const text = await runCli([command, ...project.args, '--format', 'json']);
    const file = join(dir, `${project.name.replace(/[^\w.-]+/g, '__')}.${command}.txt`);
    if (mode === '--write') {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, text);
    } else {
      compared++;
      const before = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      if (before !== text) {
        differences++;
        if (differences <= 20) console.log(`differs: ${command} ${project.args.join(' ')} (${relative(process.cwd(), file)})`);
      }
    }
  }
}
if (mode === '--write') console.log(`compare-outputs: ${projects.length} projects × ${COMMANDS.length} commands written to ${dir}`);
else {
  console.log(`compare-outputs: ${compared - differences} of ${compared} outputs identical${differences ? `, ${differences} differ` : ''}`);
  process.exitCode = differences ? 1 : 0;
}
