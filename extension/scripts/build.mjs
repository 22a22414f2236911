#!/usr/bin/env node
/**
 * Builds the VS Code extension into extension/dist (run by the root build after `tsc -b`,
 * and by `npm run package` before vsce):
 *
 *   dist/extension.js                  src/extension.ts, bundled (CommonJS, `vscode` external)
 *   dist/server.js                     the composure language server, bundled into one file,
 *                                      forked by the extension with node IPC
 *   dist/composure-config.schema.json  @composure/rules' schema of .composure.yaml (yamlValidation)
 *
 * The bundles need nothing from node_modules at run time: the .vsix ships without them.
 */
import { execFileSync } from 'node:child_process';
import { buildSync } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const extension = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(extension, '..');
const dist = join(extension, 'dist');
const require = createRequire(import.meta.url);

const common = {
  bundle: true,
  minify: true,
  platform: 'node',
  // VS Code 1.91 runs extensions, and the servers they fork, on Node.js 20.
  target: 'node20',
  // CommonJS: the extension host require()s the extension, and dist/server.js (no
  // "type": "module" above it) is forked as a CommonJS script.
  format: 'cjs',
  // No source maps in the .vsix (the server's would be several MB).
  sourcemap: false,
  // The .vsix ships only these two files: the dependencies' licence notices go inside them.
  legalComments: 'eof',
  logLevel: 'warning',
};

try {
  // Type-check: esbuild only strips types.
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(extension, 'tsconfig.json'), '--noEmit'], { cwd: root, stdio: 'inherit' });

  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });

  buildSync({
    ...common,
    entryPoints: [join(extension, 'src/extension.ts')],
    outfile: join(dist, 'extension.js'),
    external: ['vscode'],
  });

  buildSync({
    ...common,
    entryPoints: [join(root, 'packages/language-server/src/composure-language-server.ts')],
    outfile: join(dist, 'server.js'),
    // The sources are ES modules: in a CommonJS bundle `import.meta.url` would be undefined.
    define: { 'import.meta.url': '__composureImportMetaUrl' },
    banner: { js: "const __composureImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  });

  copyFileSync(require.resolve('@composure/rules/composure-config.schema.json'), join(dist, 'composure-config.schema.json'));
} catch (error) {
  // tsc and esbuild have printed their errors already.
  if (!(error instanceof Error && ('status' in error || 'errors' in error))) console.error(error);
  console.error('extension build failed');
  process.exit(1);
}
