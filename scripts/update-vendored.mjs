#!/usr/bin/env node
/**
 * A maintainer script, not a build step: refreshes the third-party data the repository carries,
 * from a directory laid out like the supply closet it was first taken from:
 *
 *   SOURCE_DIR/compose-spec/  compose-spec.compose-go.json, LICENSE, NOTICE  →  packages/core/vendor/compose-spec/
 *   SOURCE_DIR/conformance/   every file but README.md                       →  test/conformance/
 *   SOURCE_DIR/sarif/         sarif-schema-2.1.0.json, LICENSE               →  test/sarif/
 *   SOURCE_DIR/RULES.md                                                      →  rules/CATALOGUE.md
 *   SOURCE_DIR/corpus/        the permissively licensed sources below        →  test/corpus/
 *
 * Usage: node scripts/update-vendored.mjs SOURCE_DIR
 *
 * Each copied folder is replaced whole, so a file removed at the source goes here too. The READMEs
 * in the repository are the project's own and are left alone: afterwards update the commits they
 * name, the schema's sha256 (packages/core/vendor/compose-spec/README.md) and the corpus table
 * (test/corpus/README.md); the tests that read them say which figure no longer matches.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Corpus sources whose licence lets them into the repository (CC0-1.0, Apache-2.0, MIT). Anything
 * else in SOURCE_DIR/corpus stays out, whatever it is: mailcow (GPL-3.0) and getsentry/self-hosted
 * (FSL) are there and must never be copied.
 */
const CORPUS_SOURCES = ['awesome-compose', 'docker__compose', 'netbox-community__netbox-docker', 'raeffs__docker-host'];

const [source] = process.argv.slice(2);
if (!source) {
  console.error('usage: node scripts/update-vendored.mjs SOURCE_DIR\n  SOURCE_DIR holds compose-spec/, conformance/, sarif/, corpus/ and RULES.md');
  process.exit(2);
}
const sourceDir = resolve(source);

function fail(message) {
  console.error(`update-vendored: ${message}`);
  process.exit(1);
}

/** Writes the bytes anew rather than copying the file: a read-only source would pass its mode on. */
function copyFile(from, to) {
  if (!existsSync(from)) fail(`${from} is missing.`);
  mkdirSync(dirname(to), { recursive: true });
  rmSync(to, { force: true });
  writeFileSync(to, readFileSync(from));
}

/** Copies a folder's files (dot files too) recursively; returns how many. */
function copyTree(from, to, skip = () => false) {
  let count = 0;
  for (const name of readdirSync(from)) {
    if (skip(name)) continue;
    const path = join(from, name);
    if (statSync(path).isDirectory()) count += copyTree(path, join(to, name));
    else {
      copyFile(path, join(to, name));
      count++;
    }
  }
  return count;
}

/** Empties a target folder but for the names to keep (the project's own READMEs). */
function clear(dir, keep = []) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir)) if (!keep.includes(name)) rmSync(join(dir, name), { recursive: true, force: true });
}

const required = ['compose-spec', 'conformance', 'sarif', 'corpus', 'RULES.md', ...CORPUS_SOURCES.map((name) => `corpus/${name}`)];
for (const entry of required)
  if (!existsSync(join(sourceDir, entry))) fail(`${join(sourceDir, entry)} is missing: is ${sourceDir} laid out like the supply closet?`);

const composeSpec = join(root, 'packages/core/vendor/compose-spec');
for (const file of ['compose-spec.compose-go.json', 'LICENSE', 'NOTICE']) copyFile(join(sourceDir, 'compose-spec', file), join(composeSpec, file));
console.log('packages/core/vendor/compose-spec: schema, LICENSE, NOTICE');

const conformance = join(root, 'test/conformance');
clear(conformance, ['README.md']);
const vectors = copyTree(join(sourceDir, 'conformance'), conformance, (name) => name === 'README.md');
console.log(`test/conformance: ${vectors} files (README.md kept: compare it with ${join(sourceDir, 'conformance/README.md')})`);

const sarif = join(root, 'test/sarif');
for (const file of ['sarif-schema-2.1.0.json', 'LICENSE']) copyFile(join(sourceDir, 'sarif', file), join(sarif, file));
console.log('test/sarif: schema, LICENSE');

copyFile(join(sourceDir, 'RULES.md'), join(root, 'rules/CATALOGUE.md'));
console.log('rules/CATALOGUE.md');

for (const name of CORPUS_SOURCES) {
  const target = join(root, 'test/corpus', name);
  rmSync(target, { recursive: true, force: true });
  console.log(`test/corpus/${name}: ${copyTree(join(sourceDir, 'corpus', name), target)} files`);
}
console.log(
  'Now update the commits and figures the READMEs state, then run: npx vitest run test/compose/corpus.test.ts packages/core/src/schema/validate-compose.test.ts',
);
