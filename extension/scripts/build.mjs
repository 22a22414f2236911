#!/usr/bin/env node
/**
 * Builds the VS Code extension into extension/dist (run by the root build after `tsc -b`,
 * and by `npm run package` before vsce):
 *
 *   dist/extension.js                  src/extension.ts, bundled (CommonJS, `vscode` external)
 *   dist/server.js                     the composure language server, bundled into one file,
 *                                      forked by the extension with node IPC
 *   dist/composure-config.schema.json  @composure/rules' schema of .composure.yaml (yamlValidation)
 *   dist/THIRD-PARTY-NOTICES.txt       the licences of the packages inside the two bundles
 *
 * The bundles need nothing from node_modules at run time: the .vsix ships without them.
 */
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { esbuild, runNode, runSteps } from '../../scripts/build-runner.mjs';
import { writeThirdPartyNotices } from '../../scripts/third-party-notices.mjs';

const extension = join(dirname(fileURLToPath(import.meta.url)), '..');
const root = join(extension, '..');
const dist = join(extension, 'dist');
const require = createRequire(import.meta.url);

const common = {
  // Metafile paths relative to the repository root, as scripts/third-party-notices.mjs reads them.
  absWorkingDir: root,
  metafile: true,
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
  // The dependencies' whole licence texts are in dist/THIRD-PARTY-NOTICES.txt.
  legalComments: 'none',
  logLevel: 'warning',
};

/** The bundles' metafiles, from the steps that bundle to the step that writes the notices. */
const metafiles = {};

const steps = [
  // Type-check: esbuild only strips types.
  {
    name: 'type-check',
    run: () =>
      runNode('tsc -p extension/tsconfig.json --noEmit', [require.resolve('typescript/bin/tsc'), '-p', join(extension, 'tsconfig.json'), '--noEmit'], root),
  },
  {
    name: 'bundle the extension',
    run: () => {
      rmSync(dist, { recursive: true, force: true });
      mkdirSync(dist, { recursive: true });
      metafiles.extension = esbuild({
        ...common,
        entryPoints: [join(extension, 'src/extension.ts')],
        outfile: join(dist, 'extension.js'),
        external: ['vscode'],
      }).metafile;
    },
  },
  {
    name: 'bundle the language server',
    run: () => {
      metafiles.server = esbuild({
        ...common,
        entryPoints: [join(root, 'packages/language-server/src/composure-language-server.ts')],
        outfile: join(dist, 'server.js'),
        // The sources are ES modules: in a CommonJS bundle `import.meta.url` would be undefined.
        define: { 'import.meta.url': '__composureImportMetaUrl' },
        banner: { js: "const __composureImportMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
      }).metafile;
    },
  },
  {
    name: 'write the third-party notices',
    run: () => writeThirdPartyNotices({ dir: dist, title: 'the composure VS Code extension (dist/extension.js and dist/server.js)', metafiles }),
  },
  {
    name: 'copy the configuration schema',
    run: () => copyFileSync(require.resolve('@composure/rules/composure-config.schema.json'), join(dist, 'composure-config.schema.json')),
  },
];

process.exitCode = runSteps('extension build', steps);
