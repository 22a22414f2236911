#!/usr/bin/env node
/**
 * Builds every package in dependency order: schemas compiled to standalone
 * validators first (never at run time), then TypeScript project references.
 * Run by `npm run build` and by `npm ci` (the root `prepare` script).
 */
import { execFileSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { chmodSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeThirdPartyNotices } from './third-party-notices.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

/**
 * An ES module bundle for Node 20 of one entry; returns esbuild's metafile (its inputs name the
 * bundled packages, for THIRD-PARTY-NOTICES.txt). No source maps: they would triple what the
 * packages weigh, for minified code nobody steps through. No legal comments either: the notices
 * file carries every bundled package's whole licence text instead.
 */
function bundle(entry, output, prefix = '') {
  return buildSync({
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

try {
  run(process.execPath, ['packages/core/scripts/build-schemas.mjs']);
  run(process.execPath, ['rules/scripts/build-config-schema.mjs']);
  run(process.execPath, ['rules/scripts/build-rule-docs.mjs']);
  run(process.execPath, ['node_modules/typescript/bin/tsc', '-b', 'tsconfig.json']);
  run(process.execPath, ['extension/scripts/build.mjs']); // the VS Code extension: its bundle and the language server's, in extension/dist
  // The CLI ships as one bundled file: loading one module instead of ~80 halves start-up.
  // What only one command needs and is imported dynamically (the SVG renderer of `graph`,
  // Graphviz in WebAssembly, ~1.5 MB) is split into its own chunk, loaded when that command runs.
  const cliDist = join(root, 'packages/cli/dist');
  rmSync(join(cliDist, 'chunks'), { recursive: true, force: true });
  const cli = bundle('packages/cli/src/composure.ts', {
    outdir: cliDist,
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
  });
  chmodSync(join(cliDist, 'composure.js'), 0o755);
  writeThirdPartyNotices({ dir: cliDist, title: '@composure/cli (dist/composure.js and dist/chunks/)', metafiles: { composure: cli } });
  // The language server ships as ONE file (editors start it with --stdio): no chunks, so that
  // a client can copy it anywhere. The graph renderer loads on first use.
  const serverDist = join(root, 'packages/language-server/dist');
  const server = bundle('packages/language-server/src/composure-language-server.ts', { outfile: join(serverDist, 'composure-language-server.js') }, '#!/usr/bin/env node\n');
  chmodSync(join(serverDist, 'composure-language-server.js'), 0o755);
  writeThirdPartyNotices({ dir: serverDist, title: '@composure/language-server (dist/composure-language-server.js)', metafiles: { 'composure-language-server': server } });
} catch (error) {
  // tsc and esbuild have printed their errors already; anything else (the notices) says what failed.
  if (!(error instanceof Error && ('status' in error || 'errors' in error))) console.error(error instanceof Error ? error.message : error);
  console.error('build failed');
  process.exit(1);
}
