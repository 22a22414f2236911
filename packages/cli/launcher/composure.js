#!/usr/bin/env node
/**
 * composure's command line as `node dist/composure.js` runs it (copied there by the build): it
 * runs the CLI's bundle, dist/chunks/cli.cjs, with the V8 code cache the build made for it
 * (dist/chunks/cli.cache), so that Node neither parses nor compiles the ~1 MB bundle nor the
 * functions a lint runs again — a third of a small run. Node 20 has no compile cache for ES
 * modules (module.enableCompileCache() came in 22.1), hence a CommonJS bundle and node:vm. A cache
 * V8 rejects (another Node or V8 version, other V8 flags) or a missing one costs only the compile
 * it would have saved: V8 checks its version, flags and the source before using it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const bundle = fileURLToPath(new URL('chunks/cli.cjs', import.meta.url));
const cacheFile = fileURLToPath(new URL('chunks/cli.cache', import.meta.url));

function readCache() {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

// The function Node wraps a CommonJS module in, on the bundle's first line (its positions stay right).
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`, {
  filename: bundle,
  cachedData: readCache(),
});
// Only the build's training run sets this (scripts/build-cli.mjs): the cache is taken at exit,
// with every function that run compiled in it.
if (process.env.COMPOSURE_WRITE_CODE_CACHE === '1') process.once('exit', () => writeFileSync(cacheFile, script.createCachedData()));
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
