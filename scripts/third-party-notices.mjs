/**
 * Third-party licence notices for bundles: every npm package whose code esbuild put into a
 * bundle (read from esbuild's metafile), with its name, version, licence and the text of its
 * LICENSE/LICENCE/COPYING/NOTICE files, written to THIRD-PARTY-NOTICES.txt beside the bundles.
 * The metafiles are written there too (<bundle>.meta.json, never shipped) for the test that
 * holds the notices to the bundles' inputs (test/packaging/third-party-notices.test.ts).
 *
 * Used by scripts/build.mjs (the CLI and the language server) and extension/scripts/build.mjs
 * (the .vsix).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const NOTICES_FILE = 'THIRD-PARTY-NOTICES.txt';

/** Files whose text a package's notice reproduces: LICENSE, LICENCE.md, COPYING, NOTICE, thirdpartynotices.txt… */
const LEGAL_FILE = /^(licen[cs]e|copying|notice|third-?party-?notices)([.-].*)?$/i;

/**
 * Licence texts for packages that publish none (their licence is only named in package.json),
 * taken from the package's repository: third-party-licenses/<package name>.txt.
 */
const SUPPLIED = join(root, 'scripts/third-party-licenses');

/**
 * Code in the bundles that is not an npm package: generated at build time from third-party
 * files vendored into the repository. An input matching `generated` brings in the notice of `dir`.
 */
const VENDORED = [
  {
    name: 'Compose Specification JSON schema (compose-spec/compose-go schema/compose-spec.json)',
    license: 'Apache-2.0',
    generated: /^packages\/core\/generated\/compose-/,
    dir: 'packages/core/vendor/compose-spec',
  },
];

/** The directory of the npm package a bundled file belongs to, or undefined for the project's own code. */
function packageDirOf(input) {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const [first, second] = input.slice(at + 'node_modules/'.length).split('/');
  return input.slice(0, at) + 'node_modules/' + (first.startsWith('@') ? `${first}/${second}` : first);
}

function licenseOf(manifest) {
  const { license, licenses } = manifest;
  if (typeof license === 'string') return license;
  if (license?.type) return license.type;
  if (Array.isArray(licenses)) return licenses.map((l) => l.type ?? l).join(' OR ');
  return 'UNKNOWN';
}

function legalTexts(dir) {
  return readdirSync(dir)
    .filter((file) => LEGAL_FILE.test(file) && statSync(join(dir, file)).isFile())
    .sort()
    .map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8').trim() }));
}

/**
 * Every third-party package in the inputs of these metafiles (of bundles built with the
 * repository root as esbuild's absWorkingDir), one entry per name and version, sorted by name.
 */
export function bundledPackages(metafiles) {
  const inputs = metafiles.flatMap((metafile) => Object.keys(metafile.inputs));
  const found = new Map();
  for (const dir of new Set(inputs.map(packageDirOf).filter(Boolean))) {
    const manifest = JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8'));
    const key = `${manifest.name}@${manifest.version}`;
    if (found.has(key)) continue;
    let texts = legalTexts(join(root, dir));
    const supplied = join(SUPPLIED, `${manifest.name}.txt`);
    if (texts.length === 0 && existsSync(supplied)) texts = [{ file: relative(root, supplied), text: readFileSync(supplied, 'utf8').trim() }];
    if (texts.length === 0) {
      throw new Error(`${key} (${dir}) has no LICENSE, COPYING or NOTICE file: add its licence text from its repository as ${relative(root, supplied)}`);
    }
    found.set(key, { name: manifest.name, version: manifest.version, license: licenseOf(manifest), texts });
  }
  for (const vendored of VENDORED) {
    if (inputs.some((input) => vendored.generated.test(input))) {
      found.set(vendored.name, { name: vendored.name, version: undefined, license: vendored.license, texts: legalTexts(join(root, vendored.dir)) });
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name, 'en') || (a.version ?? '').localeCompare(b.version ?? '', 'en'));
}

const RULE = '='.repeat(80);

/**
 * Writes `dir`/THIRD-PARTY-NOTICES.txt for the bundles of one package (`metafiles`, by bundle
 * name), and each metafile as `dir`/<bundle>.meta.json.
 */
export function writeThirdPartyNotices({ dir, title, metafiles }) {
  for (const [name, metafile] of Object.entries(metafiles)) writeFileSync(join(dir, `${name}.meta.json`), JSON.stringify(metafile));
  const packages = bundledPackages(Object.values(metafiles));
  const sections = packages.map(({ name, version, license, texts }) =>
    [
      RULE,
      version ? `${name} ${version}` : name,
      `License: ${license}`,
      RULE,
      '',
      texts.map(({ file, text }) => (texts.length > 1 ? `--- ${file} ---\n\n${text}` : text)).join('\n\n'),
      '',
    ].join('\n'),
  );
  const header = `Third-party software in ${title}\n\nThese files include the software below, each under its own licence, reproduced here.\ncomposure itself is licensed under the Apache License 2.0 (LICENSE).\n\n`;
  writeFileSync(join(dir, NOTICES_FILE), header + sections.join('\n'));
  return packages;
}
