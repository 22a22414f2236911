/**
 * The repository's packages as npm sees them: one version everywhere (and scripts/set-version.mjs
 * moving all of it at once), caret ranges between the packages, each npm package's metadata,
 * README and LICENSE, what a bundled front end declares; the root, packable for pre-commit, and
 * `npx composure` in the repository itself.
 */
import { cpSync, mkdirSync, readFileSync, readlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documents } from '../scripts/set-version.mjs';
import { run } from './support/npm.js';
import { ROOT } from './support/run-cli.js';
import { tempDirForFile } from './support/temp-dir.js';

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  workspaces?: string[];
  bin?: Record<string, string>;
  files?: string[];
  [field: string]: unknown;
}

const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'] as const;
const NPM_PACKAGES = ['packages/core', 'packages/graph', 'rules', 'packages/cli', 'packages/eslint-plugin', 'packages/language-server'];
const REPOSITORY = 'https://github.com/composure-lint/composure';
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const manifestOf = (dir: string, root = ROOT) => readJson<Manifest>(join(root, dir, 'package.json'));
const VERSION = manifestOf('.').version;
const temp = tempDirForFile('composure-packages-');

/** Everything that disagrees with the root package.json's version under `root`, as readable lines. */
function versionProblems(root: string): string[] {
  const rootManifest = manifestOf('.', root);
  const version = rootManifest.version;
  const problems: string[] = [];
  const workspaces = rootManifest.workspaces!.map((dir) => ({ dir, manifest: manifestOf(dir, root) }));
  const names = new Set(workspaces.map((w) => w.manifest.name));
  const lock = readJson<{ version: string; packages: Record<string, Manifest> }>(join(root, 'package-lock.json'));
  const check = (where: string, entry: Partial<Manifest>) => {
    if (entry.version !== version) problems.push(`${where}: version ${entry.version}`);
    for (const field of DEPENDENCY_FIELDS) {
      for (const [name, range] of Object.entries((entry[field] ?? {}) as Record<string, string>)) {
        if (names.has(name) && range !== `^${version}`) problems.push(`${where}: ${field} ${name}@${range}`);
      }
    }
  };
  check('package.json', rootManifest);
  check('package-lock.json', lock);
  check('package-lock.json ""', lock.packages['']!);
  for (const { dir, manifest } of workspaces) {
    check(`${dir}/package.json`, manifest);
    check(`package-lock.json ${dir}`, lock.packages[dir] ?? {});
  }
  const constant = /export const COMPOSURE_VERSION = '([^']*)';/.exec(readFileSync(join(root, 'packages/core/src/version.ts'), 'utf8'))?.[1];
  if (constant !== version) problems.push(`COMPOSURE_VERSION ${constant}`);
  for (const file of documents(root)) {
    for (const [pin, written] of readFileSync(join(root, file), 'utf8').matchAll(/(?:@composure\/[a-z-]+@|composure-vscode-|"name": "composure",\s*"version": "|"semanticVersion": ")(\d+\.\d+\.\d+[\w.+-]*?)(?=\.vsix|["'`\s]|$)/gm)) {
      if (written !== version) problems.push(`${file}: ${pin}`);
    }
  }
  return problems;
}

describe('one version', () => {
  it('every package, the extension, the lockfile, COMPOSURE_VERSION and the documented installs agree; packages depend on each other with ^version', () => {
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
    expect(versionProblems(ROOT)).toEqual([]);
    expect(manifestOf('packages/eslint-plugin').dependencies).toEqual({ '@composure/core': `^${VERSION}`, '@composure/rules': `^${VERSION}` });
    expect(manifestOf('packages/graph').dependencies).toMatchObject({ '@composure/core': `^${VERSION}` });
    // Drawing is the graph package's alone: core does not carry Graphviz.
    expect(manifestOf('packages/core').dependencies).not.toHaveProperty('@viz-js/viz');
    expect(manifestOf('extension')).toMatchObject({ name: 'composure-vscode', publisher: 'composure-lint', version: VERSION });
  });

  let copies = 0;
  /** A copy of what scripts/set-version.mjs reads and writes, with the script: it never runs on the checkout. */
  function copyForSetVersion(): string {
    const copy = join(temp(), `copy-${++copies}`);
    for (const file of ['scripts/set-version.mjs', 'package.json', 'package-lock.json', 'packages/core/src/version.ts', ...documents(ROOT), ...manifestOf('.').workspaces!.map((dir) => join(dir, 'package.json'))]) {
      mkdirSync(dirname(join(copy, file)), { recursive: true });
      cpSync(join(ROOT, file), join(copy, file));
    }
    return copy;
  }

  it('scripts/set-version.mjs sets a new version everywhere at once', () => {
    const copy = copyForSetVersion();
    const result = run(process.execPath, ['scripts/set-version.mjs', '1.2.3-rc.1'], copy);
    expect(result.stdout).toMatch(new RegExp(`^${VERSION.replace(/\./g, '\\.')} → 1\\.2\\.3-rc\\.1: package\\.json, `));
    expect(manifestOf('.', copy).version).toBe('1.2.3-rc.1');
    expect(versionProblems(copy)).toEqual([]);
    expect(readFileSync(join(copy, 'docs/ci/gitlab-ci.yml'), 'utf8')).toContain('npx --yes @composure/cli@1.2.3-rc.1 lint');
    expect(readFileSync(join(copy, 'extension/README.md'), 'utf8')).toContain('code --install-extension composure-vscode-1.2.3-rc.1.vsix\n');
    expect(readFileSync(join(copy, 'docs/formats.md'), 'utf8')).toContain('"semanticVersion": "1.2.3-rc.1"');
  });

  it('scripts/set-version.mjs refuses what is not a version, saying so', () => {
    const copy = copyForSetVersion();
    for (const args of [[], ['1.2'], ['v1.2.3'], ['1.2.3', '1.2.4'], ['--help']]) {
      const result = run(process.execPath, ['scripts/set-version.mjs', ...args], copy, 2);
      expect(result.stderr, args.join(' ')).toMatch(args.length === 1 && args[0] !== '--help' ? /^set-version: "[^"]+" is not a semantic version/ : /^Usage: node scripts\/set-version\.mjs <version>/);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    }
    expect(manifestOf('.', copy).version).toBe(VERSION);
  });
});

describe('the npm packages', () => {
  it.each(NPM_PACKAGES)('%s: metadata for npm, its own README and the root LICENSE', (dir) => {
    const manifest = manifestOf(dir);
    expect(manifest).toMatchObject({
      license: 'Apache-2.0',
      homepage: `${REPOSITORY}/tree/main/${dir}#readme`,
      bugs: { url: `${REPOSITORY}/issues` },
      // npm publish writes the URL as git+https: written so, it publishes without a warning.
      repository: { type: 'git', url: `git+${REPOSITORY}.git`, directory: dir },
      engines: { node: '>=20.19' },
      publishConfig: { access: 'public' },
    });
    expect(manifest.private).toBeUndefined();
    expect(manifest.keywords).toEqual(expect.arrayContaining(['docker-compose']));
    expect(readFileSync(join(ROOT, dir, 'LICENSE')).equals(readFileSync(join(ROOT, 'LICENSE')))).toBe(true);
    const readme = readFileSync(join(ROOT, dir, 'README.md'), 'utf8');
    expect(readme.split('\n')[0]).toBe(`# ${manifest.name}`);
    expect(readme).toMatch(/^## Install\n\n```sh\nnpm install /m);
    expect(readme).toContain(`${REPOSITORY}/tree/main/docs`);
    expect(manifest.files!.filter((pattern) => pattern.startsWith('!'))).toEqual(dir === 'packages/cli' || dir === 'packages/language-server' ? [] : ['!dist/**/*.map']);
  });

  it.each(['packages/cli', 'packages/language-server'])('%s is a bundle: a committed bin launcher, and what it inlines is a devDependency', (dir) => {
    const manifest = manifestOf(dir);
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.devDependencies).toMatchObject({ '@composure/core': `^${VERSION}`, '@composure/graph': `^${VERSION}`, '@composure/rules': `^${VERSION}` });
    const [bin] = Object.values(manifest.bin!);
    // Committed and executable: npm ci links it before the build writes dist/.
    expect(run('git', ['ls-files', '--stage', bin!], join(ROOT, dir)).stdout).toMatch(new RegExp(`^100755 [0-9a-f]{40} 0\\t${bin!.replace(/\./g, '\\.')}\\n$`));
  });

  it.each(['packages/cli', 'packages/language-server'])('%s: its bin launcher, before the build, says what to do', (dir) => {
    const manifest = manifestOf(dir);
    const [[command, bin]] = Object.entries(manifest.bin!) as [[string, string]];
    const unbuilt = join(temp(), `unbuilt-${command}`);
    mkdirSync(join(unbuilt, 'bin'), { recursive: true });
    cpSync(join(ROOT, dir, 'package.json'), join(unbuilt, 'package.json'));
    cpSync(join(ROOT, dir, bin), join(unbuilt, bin));
    const result = run(process.execPath, [join(unbuilt, bin), '--version'], unbuilt, 2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`${command}: ${join(unbuilt, 'dist', `${command}.js`)} is missing: run \`npm run build\` in the composure repository\n`);
  });
});

describe('the repository root', () => {
  it('npx --no-install composure --version runs the CLI of the checkout', () => {
    // npm ci linked the workspaces' bins to their committed launchers (a bin in dist/ would not exist yet then).
    expect(readlinkSync(join(ROOT, 'node_modules/.bin/composure'))).toBe('../@composure/cli/bin/composure.js');
    expect(readlinkSync(join(ROOT, 'node_modules/.bin/composure-language-server'))).toBe('../@composure/language-server/bin/composure-language-server.js');
    // (npx finds `composure` in the root package.json's bin first: the same launcher, linked from npm's npx cache.)
    expect(run('npx', ['--no-install', 'composure', '--version'], ROOT).stdout).toBe(`${VERSION}\n`);
  });

  it('packs (for pre-commit, which installs the npm pack of a clone) as the CLI bundle with its composure bin', () => {
    const root = manifestOf('.');
    expect(root).toMatchObject({ private: true, version: VERSION, bin: { composure: 'packages/cli/bin/composure.js' } });
    const [packed] = JSON.parse(run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], ROOT).stdout) as { filename: string; files: { path: string }[] }[];
    expect(packed!.filename).toBe(`composure-monorepo-${VERSION}.tgz`);
    const files = packed!.files.map((f) => f.path.replace(/-[A-Z0-9]{8}\.js$/, '-[hash].js')).sort();
    expect(files).toEqual([
      'LICENSE',
      'README.md',
      'package.json',
      'packages/cli/bin/composure.js',
      'packages/cli/dist/THIRD-PARTY-NOTICES.txt',
      'packages/cli/dist/chunks/chunk-[hash].js',
      'packages/cli/dist/chunks/rule-docs-[hash].js',
      'packages/cli/dist/chunks/viz-[hash].js',
      'packages/cli/dist/composure.js',
    ]);
  });
});
