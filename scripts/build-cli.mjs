/**
 * The CLI's bundle, as `node dist/composure.js` runs it (see packages/cli/launcher/composure.js):
 *
 * - dist/chunks/cli.cjs: every command in one CommonJS file (one file to load, not ~80 modules;
 *   CommonJS so that the launcher can hand V8 a code cache for it, which Node 20 cannot do for an
 *   ES module);
 * - dist/chunks/<name>.cjs: what only one command needs, required when that command runs (the SVG
 *   renderer of `graph`, Graphviz in WebAssembly, ~1.5 MB; the rules' doc pages of `explain`);
 * - dist/composure.js: the launcher;
 * - dist/cli.cache: V8's code cache of cli.cjs, which the launcher writes at the end of a run that
 *   found none: here a lint of the examples, so that it holds the functions a lint runs, compiled.
 *   Outside the package's `files`, the npm package leaves it out: an installed CLI writes its own.
 *
 * Returns the bundles' metafiles merged into one, for THIRD-PARTY-NOTICES.txt.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { BuildError, esbuild } from './build-runner.mjs';

/** Imports left out of cli.cjs, each bundled into its own chunk and required on first use. */
const LAZY = [
  { external: '@viz-js/viz', written: 'import("@viz-js/viz")', entry: '@viz-js/viz', chunk: 'viz' },
  { external: '*/generated/rule-docs.js', written: 'import("../generated/rule-docs.js")', entry: 'rules/generated/rule-docs.js', chunk: 'rule-docs' },
];

/** The projects the training run lints: every rule that fires there is compiled into the cache. */
const TRAINING = ['examples/three-tier', 'examples/microservices', 'examples/ha-web-app'];

const common = {
  bundle: true,
  minify: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: false,
  legalComments: 'none',
  metafile: true,
  logLevel: 'warning',
};

export function buildCli(root) {
  const dist = join(root, 'packages/cli/dist');
  const chunks = join(dist, 'chunks');
  rmSync(chunks, { recursive: true, force: true });
  const main = join(chunks, 'cli.cjs');
  const metafiles = {
    composure: esbuild({
      ...common,
      entryPoints: [join(root, 'packages/cli/src/composure.ts')],
      outfile: main,
      absWorkingDir: root,
      external: LAZY.map((lazy) => lazy.external),
      // A bundled ES module (fdir) asks import.meta.url for its createRequire: the bundle's own URL.
      define: { 'import.meta.url': '__composureUrl' },
      banner: { js: 'var __composureUrl = require("node:url").pathToFileURL(__filename).href;' },
    }).metafile,
  };
  // The source's shebang would break the launcher's wrapper; each dynamic import becomes a require of its chunk.
  let text = readFileSync(main, 'utf8').replace(/^#!.*\n/, '');
  for (const lazy of LAZY) {
    const count = text.split(lazy.written).length - 1;
    if (count !== 1) throw new BuildError(`the CLI bundle holds ${count} \`${lazy.written}\`, expected 1: update LAZY in scripts/build-cli.mjs`);
    text = text.replace(lazy.written, `Promise.resolve().then(()=>require("./${lazy.chunk}.cjs"))`);
  }
  // The launcher runs the bundle through node:vm, where a dynamic import() has no loader to call.
  const leftover = /\bimport\((["'`])/.exec(text);
  if (leftover)
    throw new BuildError(`the CLI bundle still holds a dynamic import() of a module it did not bundle (${text.slice(leftover.index, leftover.index + 60)}…)`);
  writeFileSync(main, text);
  // The metafile gives each output's size (the notices test checks it): the size as rewritten.
  metafiles.composure.outputs[relative(root, main)].bytes = Buffer.byteLength(text);
  for (const lazy of LAZY) {
    metafiles[lazy.chunk] = esbuild({ ...common, entryPoints: [lazy.entry], outfile: join(chunks, `${lazy.chunk}.cjs`), absWorkingDir: root }).metafile;
  }
  const launcher = join(dist, 'composure.js');
  copyFileSync(join(root, 'packages/cli/launcher/composure.js'), launcher);
  chmodSync(launcher, 0o755);
  rmSync(join(dist, 'cli.cache'), { force: true });
  writeCodeCache(root, launcher);
  const all = Object.values(metafiles);
  return { inputs: Object.assign({}, ...all.map((m) => m.inputs)), outputs: Object.assign({}, ...all.map((m) => m.outputs)) };
}

/** Runs the launcher once on the examples, with no V8 flags of its own: with no cache yet, it writes one at exit. */
function writeCodeCache(root, launcher) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== 'NODE_OPTIONS' && !key.startsWith('COMPOSE')));
  const result = spawnSync(process.execPath, [launcher, 'lint', ...TRAINING], {
    cwd: root,
    env: { ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
  });
  if (result.error) throw new BuildError(`cannot run the CLI to write its code cache: ${result.error.message}`);
  if (result.status !== 0 && result.status !== 1)
    throw new BuildError(`the CLI exited with ${result.status ?? result.signal} writing its code cache:\n${result.stderr}`);
  if (!existsSync(join(root, 'packages/cli/dist/cli.cache'))) throw new BuildError('the CLI wrote no code cache');
}
