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

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (command, args) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });

/** An ES module bundle for Node 20 of one entry, with its dependencies' licence comments in a linked file. */
function bundle(entry, output, prefix = '') {
  buildSync({
    entryPoints: [join(root, entry)],
    ...output,
    bundle: true,
    minify: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    legalComments: 'linked',
    logLevel: 'warning',
    // CommonJS dependencies (picomatch) call require() for Node built-ins.
    banner: { js: `${prefix}import { createRequire as __composureRequire } from 'node:module'; const require = __composureRequire(import.meta.url);` },
  });
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
  rmSync(join(root, 'packages/cli/dist/chunks'), { recursive: true, force: true });
  bundle('packages/cli/src/composure.ts', {
    outdir: join(root, 'packages/cli/dist'),
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    splitting: true,
  });
  chmodSync(join(root, 'packages/cli/dist/composure.js'), 0o755);
  // The language server ships as ONE file (the package bin; editors start it with --stdio):
  // no chunks, so that a client can copy it anywhere. The graph renderer loads on first use.
  bundle('packages/language-server/src/composure-language-server.ts', { outfile: join(root, 'packages/language-server/dist/composure-language-server.js') }, '#!/usr/bin/env node\n');
  chmodSync(join(root, 'packages/language-server/dist/composure-language-server.js'), 0o755);
} catch {
  console.error('build failed');
  process.exit(1);
}
