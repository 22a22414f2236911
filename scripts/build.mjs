#!/usr/bin/env node
/**
 * Builds every package in dependency order: schemas compiled to standalone
 * validators first (never at run time), then TypeScript project references.
 * Run by `npm run build` and by `npm ci` (the root `prepare` script).
 */
import { chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuild, runNode, runSteps } from './build-runner.mjs';
import { buildCli } from './build-cli.mjs';
import { writeThirdPartyNotices } from './third-party-notices.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const node = (script) => () => runNode(`node ${script}`, [script], root);

/**
 * An ES module bundle for Node 20 of one entry; returns esbuild's metafile (its inputs name the
 * bundled packages, for THIRD-PARTY-NOTICES.txt). No source maps: they would triple what the
 * packages weigh, for minified code nobody steps through. No legal comments either: the notices
 * file carries every bundled package's whole licence text instead.
 */
function bundle(entry, output, prefix = '') {
  return esbuild({
    entryPoints: [join(root, entry)],
    ...output,
    absWorkingDir: root,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: false,
    legalComments: 'none',
    metafile: true,
    logLevel: 'warning',
    // CommonJS dependencies (picomatch) call require() for Node built-ins.
    banner: { js: `${prefix}import { createRequire as __composureRequire } from 'node:module'; const require = __composureRequire(import.meta.url);` },
  }).metafile;
}

const cliDist = join(root, 'packages/cli/dist');
const serverDist = join(root, 'packages/language-server/dist');
/** The bundles' metafiles, from the step that bundles to the step that writes the notices. */
const metafiles = {};

const steps = [
  { name: 'generate the version module', run: node('packages/core/scripts/build-version.mjs') },
  { name: 'compile the schemas', run: node('packages/core/scripts/build-schemas.mjs') },
  { name: "compile the rules' configuration schema", run: node('rules/scripts/build-config-schema.mjs') },
  { name: "bundle the rules' doc pages", run: node('rules/scripts/build-rule-docs.mjs') },
  { name: 'compile TypeScript', run: () => runNode('tsc -b tsconfig.json', ['node_modules/typescript/bin/tsc', '-b', 'tsconfig.json'], root) },
  // The VS Code extension: its bundle and the language server's, in extension/dist.
  { name: 'build the VS Code extension', run: node('extension/scripts/build.mjs') },
  {
    // The CLI ships as one bundled file with a V8 code cache, and chunks for what one command needs (scripts/build-cli.mjs).
    name: 'bundle the CLI',
    run: () => Object.assign(metafiles, { composure: buildCli(root) }),
  },
  {
    name: "write the CLI's third-party notices",
    run: () =>
      writeThirdPartyNotices({ dir: cliDist, title: '@composure/cli (dist/composure.js and dist/chunks/)', metafiles: { composure: metafiles.composure } }),
  },
  {
    // The language server ships as ONE file (editors start it with --stdio): no chunks, so that
    // a client can copy it anywhere. The graph renderer loads on first use.
    name: 'bundle the language server',
    run: () => {
      metafiles.server = bundle(
        'packages/language-server/src/composure-language-server.ts',
        { outfile: join(serverDist, 'composure-language-server.js') },
        '#!/usr/bin/env node\n',
      );
      chmodSync(join(serverDist, 'composure-language-server.js'), 0o755);
    },
  },
  {
    name: "write the language server's third-party notices",
    run: () =>
      writeThirdPartyNotices({
        dir: serverDist,
        title: '@composure/language-server (dist/composure-language-server.js)',
        metafiles: { 'composure-language-server': metafiles.server },
      }),
  },
];

process.exitCode = runSteps('build', steps);
