#!/usr/bin/env node
/**
 * composure's command line as `node dist/composure.js` runs it (copied there by the build): it
 * runs the CLI's bundle, dist/chunks/cli.cjs, with a V8 code cache of it (dist/cli.cache),
 * so that Node neither parses nor compiles the ~1 MB bundle nor the functions a lint runs again —
 * a third of a small run. Node 20 has no compile cache for ES modules (module.enableCompileCache()
 * came in 22.1), hence a CommonJS bundle and node:vm. V8 checks a cache against its version, its
 * flags and the source: one it rejects, or a missing one, costs only the compile it would have saved.
 *
 * The build writes the cache after a lint of the examples; the npm package does not ship it (it
 * would weigh 1.6 MB, and serve only the Node version that built it). Without a cache V8 accepts,
 * the launcher writes one at exit beside the bundle — in the package's own directory, never a
 * shared one — when that directory is writable, and says nothing when it is not.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const bundle = fileURLToPath(new URL('chunks/cli.cjs', import.meta.url));
const cacheFile = fileURLToPath(new URL('cli.cache', import.meta.url));

function readCache() {
  try {
    return readFileSync(cacheFile);
  } catch {
    return undefined;
  }
}

/** Writes the cache through a file of this process's own, renamed into place: concurrent runs never see half of one. */
function writeCache(compiled) {
  const partial = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(partial, compiled.createCachedData());
    renameSync(partial, cacheFile);
  } catch {
    try {
      rmSync(partial, { force: true });
    } catch {
      // A directory we may not write in: nothing was left there either.
    }
  }
}

// The function Node wraps a CommonJS module in, on the bundle's first line (its positions stay right).
const cache = readCache();
const script = new Script(`(function (exports, require, module, __filename, __dirname) {${readFileSync(bundle, 'utf8')}\n})`, {
  filename: bundle,
  cachedData: cache,
});
// No cache, or one V8 refused: take one at exit, with every function this run compiled in it.
if (cache === undefined || script.cachedDataRejected) process.once('exit', () => writeCache(script));
const module = { exports: {} };
script.runInThisContext()(module.exports, createRequire(bundle), module, bundle, dirname(bundle));
