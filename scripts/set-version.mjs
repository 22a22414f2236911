#!/usr/bin/env node
/**
 * `node scripts/set-version.mjs <version>`: composure's packages and the VS Code extension are
 * released together at one version. This sets it everywhere it is written:
 *
 *   - the root package.json and every workspace's (the extension's too);
 *   - the ranges by which workspaces depend on each other, as `^<version>`;
 *   - package-lock.json (the same fields, so that `npm ci` accepts it);
 *   - what the docs write of it: `@composure/<package>@<version>` installs,
 *     the `.vsix` file name, and composure's version in SARIF samples.
 *
 * The code reads no version of its own: the build generates COMPOSURE_VERSION (--version, SARIF,
 * the language server's info) from the root package.json (packages/core/scripts/build-version.mjs),
 * so the next build carries the new one. test/packaging/packages.test.ts holds the repository to one version.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// Semantic Versioning 2.0.0 (https://semver.org): MAJOR.MINOR.PATCH, optional -pre-release and +build.
const SEMVER =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
/** The text files that name the version (relative to `root`): the READMEs, the hooks, docs/. */
export function documents(root) {
  const docs = readdirSync(join(root, 'docs'), { recursive: true, encoding: 'utf8' }).filter((file) => /\.(md|ya?ml)$/.test(file));
  return ['README.md', 'extension/README.md', '.pre-commit-hooks.yaml', ...docs.sort().map((file) => join('docs', file))];
}

/** The edits of one version change, relative to `root`; returns the files written. */
export function setVersion(root, version) {
  if (!SEMVER.test(version)) throw new Error(`"${version}" is not a semantic version (MAJOR.MINOR.PATCH, e.g. 0.2.0 or 1.0.0-rc.1)`);
  const read = (file) => JSON.parse(readFileSync(join(root, file), 'utf8'));
  const written = [];
  const write = (file, text) => {
    writeFileSync(join(root, file), text);
    written.push(file);
  };
  const writeJson = (file, value) => write(file, `${JSON.stringify(value, null, 2)}\n`);

  const rootManifest = read('package.json');
  const previous = rootManifest.version;
  const workspaces = rootManifest.workspaces.map((dir) => ({ dir, manifest: read(join(dir, 'package.json')) }));
  const names = new Set(workspaces.map((w) => w.manifest.name));
  /** Sets the version of a manifest (or lock entry) and its ranges on other workspaces. */
  const update = (manifest) => {
    manifest.version = version;
    for (const field of DEPENDENCY_FIELDS) {
      for (const name of Object.keys(manifest[field] ?? {})) if (names.has(name)) manifest[field][name] = `^${version}`;
    }
  };

  update(rootManifest);
  writeJson('package.json', rootManifest);
  for (const { dir, manifest } of workspaces) {
    update(manifest);
    writeJson(join(dir, 'package.json'), manifest);
  }

  const lock = read('package-lock.json');
  lock.version = version;
  update(lock.packages['']);
  for (const { dir } of workspaces) {
    if (!lock.packages[dir]) throw new Error(`package-lock.json has no entry for the workspace ${dir}: run npm install first`);
    update(lock.packages[dir]);
  }
  writeJson('package-lock.json', lock);

  const escaped = previous.replace(/[.+]/g, '\\$&');
  const pins = new RegExp(`(@composure/[a-z-]+@|composure-vscode-|"name": "composure",\\s*"version": "|"semanticVersion": ")${escaped}(?![\\w-]|\\.\\d)`, 'g');
  for (const file of documents(root)) {
    if (!existsSync(join(root, file))) continue;
    const text = readFileSync(join(root, file), 'utf8');
    const replaced = text.replace(pins, (_, prefix) => `${prefix}${version}`);
    if (replaced !== text) write(file, replaced);
  }
  return { previous, written };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.length !== 1 || args[0].startsWith('-')) {
    console.error('Usage: node scripts/set-version.mjs <version>   (e.g. 0.2.0)');
    process.exit(2);
  }
  try {
    const { previous, written } = setVersion(join(dirname(fileURLToPath(import.meta.url)), '..'), args[0]);
    console.log(`${previous} → ${args[0]}: ${written.join(', ')}`);
  } catch (error) {
    console.error(`set-version: ${error instanceof Error ? error.message : error}`);
    process.exit(2);
  }
}
