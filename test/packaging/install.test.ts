/**
 * The packages as a user installs them: `npm pack` of the seven workspaces, the tarballs installed
 * into an empty project (with eslint and eslint-plugin-yml at the versions this repository tests,
 * from npm's cache), and there: the composure CLI (lint, reach, graph), ESLint with the plugin
 * through the configuration its README gives, the language server over stdio, and the library
 * READMEs' examples (the engine's with no engine there). Then the CLI alone: run from its tarball
 * by `npx` in an empty folder, and installed alone into an empty project, whose node_modules must
 * stay small (one package).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assertServerBuilt, LspClient, uriOf } from '../support/lsp-client.js';
import { NPM_ENV, run } from '../support/npm.js';
import { assertBuilt, ROOT } from '../support/run-cli.js';
import { tempDirForFile } from '../support/temp-dir.js';

const WORKSPACES = ['packages/core', 'packages/graph', 'packages/engine', 'rules', 'packages/cli', 'packages/eslint-plugin', 'packages/language-server'];
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const versionOf = (name: string) => (JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;

/** examples/three-tier's findings under the recommended preset: `composure lint` and the language server. */
const THREE_TIER_RULES = [
  'no-duplicate-container-names',
  'no-unbound-port-interfaces',
  'no-unbound-port-interfaces',
  'no-undefined-network',
  'no-unused-network',
  'no-version-field',
  'require-healthcheck',
  'require-healthcheck',
  'require-healthcheck',
  'require-healthcheck',
  'require-healthcheck',
  'require-image-tag',
  'require-image-tag',
  'require-internal-network',
];
/**
 * The CLI's node_modules when installed alone: 3,013,562 bytes of files measured (one package; the
 * CommonJS bundle run with a code cache, issue 19, is 1% larger than the ES module bundle was).
 */
const CLI_INSTALLED_BYTES_MAX = 3_100_000;

interface Packed {
  name: string;
  filename: string;
  files: { path: string }[];
}

const temp = tempDirForFile('composure-install-', () => {
  assertBuilt();
  assertServerBuilt();
});
const tarballs = new Map<string, string>();
let packed: Packed[];
let project: string;
let threeTier: string;

/** Every file under `dir`, with its size. */
function files(dir: string): { path: string; size: number }[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((path) => ({ path, stat: statSync(join(dir, path)) }))
    .filter(({ stat }) => stat.isFile())
    .map(({ path, stat }) => ({ path, size: stat.size }));
}

/** The packages installed in a node_modules: every directory holding a package.json at its top (or a scope's). */
function installedPackages(nodeModules: string): string[] {
  return readdirSync(nodeModules)
    .filter((name) => !name.startsWith('.'))
    .flatMap((name) => (name.startsWith('@') ? readdirSync(join(nodeModules, name)).map((sub) => `${name}/${sub}`) : [name]))
    .filter((name) => statSync(join(nodeModules, name, 'package.json'), { throwIfNoEntry: false })?.isFile())
    .sort();
}

/** The ```js block of a README that begins with `first`. */
function jsBlock(readme: string, first: string): string {
  const block = [...readFileSync(readme, 'utf8').matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]!).find((code) => code.startsWith(first));
  if (!block) throw new Error(`${readme} has no \`\`\`js block beginning with ${JSON.stringify(first)}`);
  return block;
}

function emptyProject(name: string): string {
  const dir = join(temp(), name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name, private: true, type: 'module' }, null, 2)}\n`);
  return dir;
}

const INSTALL = ['install', '--prefer-offline', '--no-audit', '--no-fund'];

beforeAll(() => {
  const packDir = join(temp(), 'tarballs');
  mkdirSync(packDir);
  // --ignore-scripts: the packages are already built; the root's prepare would rebuild everything.
  packed = JSON.parse(
    run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir, ...WORKSPACES.flatMap((w) => ['-w', w])], ROOT).stdout,
  ) as Packed[];
  for (const { name, filename } of packed) tarballs.set(name, join(packDir, filename));
  expect([...tarballs.keys()].sort()).toEqual([
    '@composure/cli',
    '@composure/core',
    '@composure/engine',
    '@composure/eslint-plugin',
    '@composure/graph',
    '@composure/language-server',
    '@composure/rules',
  ]);

  project = emptyProject('project');
  run('npm', [...INSTALL, ...tarballs.values(), `eslint@${versionOf('eslint')}`, `eslint-plugin-yml@${versionOf('eslint-plugin-yml')}`], project);
  threeTier = join(project, 'three-tier');
  cpSync(join(ROOT, 'examples/three-tier'), threeTier, { recursive: true });
}, 240_000);

describe('the tarballs', () => {
  const contents = (name: string) =>
    packed
      .find((p) => p.name === name)!
      .files.map((f) => f.path.replace(/-[A-Z0-9]{8}\.js$/, '-[hash].js'))
      .sort();

  it('the CLI and the language server hold their bundle, its bin launcher and its licence notices (the server its protocol module too), nothing else', () => {
    expect(contents('@composure/cli')).toEqual([
      'LICENSE',
      'README.md',
      'bin/composure.js',
      'dist/THIRD-PARTY-NOTICES.txt',
      'dist/chunks/cli.cjs',
      'dist/chunks/rule-docs.cjs',
      'dist/chunks/viz.cjs',
      'dist/composure.js',
      'package.json',
    ]);
    expect(contents('@composure/language-server')).toEqual([
      'LICENSE',
      'README.md',
      'bin/composure-language-server.js',
      'dist/THIRD-PARTY-NOTICES.txt',
      'dist/composure-language-server.js',
      'dist/protocol.d.ts',
      'dist/protocol.js',
      'package.json',
    ]);
  });

  it('the libraries hold their compiled code and data without source maps', () => {
    const tops = (name: string) => [...new Set(contents(name).map((path) => path.replace(/\/.*/, '/')))];
    expect(tops('@composure/core')).toEqual(['LICENSE', 'README.md', 'dist/', 'generated/', 'package.json', 'schema/', 'vendor/']);
    expect(tops('@composure/rules')).toEqual(['LICENSE', 'README.md', 'dist/', 'generated/', 'package.json', 'src/']);
    expect(tops('@composure/eslint-plugin')).toEqual(['LICENSE', 'README.md', 'dist/', 'package.json']);
    expect(tops('@composure/graph')).toEqual(['LICENSE', 'README.md', 'dist/', 'package.json']);
    expect(tops('@composure/engine')).toEqual(['LICENSE', 'README.md', 'dist/', 'package.json']);
    for (const name of ['@composure/core', '@composure/graph', '@composure/engine', '@composure/rules', '@composure/eslint-plugin']) {
      expect(
        contents(name).filter((path) => path.endsWith('.map') || path.includes('.test.')),
        name,
      ).toEqual([]);
    }
    expect(contents('@composure/rules').filter((path) => path.startsWith('src/') && !path.endsWith('.md'))).toEqual([]);
    expect(contents('@composure/core')).toEqual(expect.arrayContaining(['vendor/compose-spec/LICENSE', 'vendor/compose-spec/NOTICE']));
  });
});

describe('the seven packages installed from their tarballs', () => {
  it('npx composure --version prints the version', () => {
    expect(run('npx', ['composure', '--version'], project).stdout).toBe(`${VERSION}\n`);
  });

  it('composure lint finds what it should in examples/three-tier and exits 1', () => {
    const result = run('npx', ['composure', 'lint', 'three-tier', '--format', 'json'], project, 1);
    const report = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    expect(report.flatMap((file) => file.messages.map((m) => m.ruleId)).sort()).toEqual(THREE_TIER_RULES);
  });

  it('composure reach --format json: who reaches whom over which network, and what the host publishes', () => {
    const reach = JSON.parse(run('npx', ['composure', 'reach', 'three-tier', '--format', 'json'], project).stdout) as {
      project: string;
      reach: { from: string; to: string; via: string[] }[];
      ingress: { service: string; published: string; target: number }[];
    };
    expect(reach.project).toBe('shop');
    expect(reach.reach).toContainEqual({ from: 'api', to: 'db', via: ['back'] });
    expect(reach.reach.filter((pair) => pair.from === 'web').map((pair) => pair.to)).toEqual(['api', 'proxy']);
    expect(reach.ingress.map((i) => [i.service, i.published, i.target])).toEqual([
      ['proxy', '80', 80],
      ['proxy', '443', 443],
    ]);
  });

  it('composure graph draws SVG (Graphviz from its own chunk) and a self-contained HTML page', () => {
    const svg = run('npx', ['composure', 'graph', 'three-tier', '--format', 'svg'], project).stdout;
    expect(svg).toMatch(/^<\?xml version="1\.0" encoding="UTF-8" standalone="no"\?>\n<!DOCTYPE svg /);
    expect(svg).toContain('<!-- Generated by graphviz version');
    expect(svg).toMatch(/\n<svg width="\d+pt" height="\d+pt"/);
    expect(svg.trimEnd()).toMatch(/<\/svg>$/);
    for (const service of ['proxy', 'web', 'api', 'db', 'cache']) expect(svg).toContain(`>${service}</text>`);
    const html = run('npx', ['composure', 'graph', 'three-tier', '--format', 'html'], project).stdout;
    expect(html).toMatch(/^<!doctype html>/i);
    expect(html).toContain('<svg');
    expect(html.trimEnd()).toMatch(/<\/html>$/);
  });

  it("ESLint with the plugin, configured as packages/eslint-plugin/README.md says (the root README's block too)", () => {
    const config = jsBlock(join(ROOT, 'packages/eslint-plugin/README.md'), '// eslint.config.mjs\n');
    expect(config).toBe("// eslint.config.mjs\nimport composure from '@composure/eslint-plugin';\n\nexport default [...composure.configs.recommended];\n");
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain(`\`\`\`js\n${config}\`\`\``);
    writeFileSync(join(project, 'eslint.config.mjs'), config);
    const result = run(join(project, 'node_modules/.bin/eslint'), ['--format', 'json', 'three-tier'], project, 1);
    const report = JSON.parse(result.stdout) as { filePath: string; messages: { ruleId: string | null }[] }[];
    expect(report.map((file) => file.filePath)).toEqual([join(threeTier, 'compose.yaml')]);
    expect(report[0]!.messages.map((m) => m.ruleId).sort()).toEqual(THREE_TIER_RULES.map((id) => `composure/${id}`));
  });

  it('composure-language-server --stdio answers initialize and publishes the diagnostics of an open compose file', async () => {
    const client = new LspClient({ server: join(project, 'node_modules/.bin/composure-language-server'), rootPath: threeTier });
    try {
      const capabilities = await client.initialize({ rootPath: threeTier });
      expect(capabilities).toMatchObject({ hoverProvider: true });
      const file = join(threeTier, 'compose.yaml');
      const diagnostics = client.nextDiagnostics(uriOf(file), undefined, 20_000);
      client.open(file, readFileSync(file, 'utf8'));
      expect((await diagnostics).map((d) => d.code).sort()).toEqual(THREE_TIER_RULES);
    } finally {
      await client.stop();
    }
  });

  it("@composure/core's README example lints the project in the current directory, as the CLI does", () => {
    writeFileSync(join(project, 'core-example.mjs'), jsBlock(join(ROOT, 'packages/core/README.md'), "import { createSession } from '@composure/core';"));
    const lines = run(process.execPath, [join(project, 'core-example.mjs')], threeTier)
      .stdout.trimEnd()
      .split('\n');
    expect(lines).toHaveLength(THREE_TIER_RULES.length);
    expect(lines[0]).toBe('3:1 warning no-version-field');
    expect(lines.map((line) => line.split(' ')[2]).sort()).toEqual(THREE_TIER_RULES);
  });

  it("@composure/graph's README example draws the project in the current directory as Mermaid and SVG", () => {
    writeFileSync(
      join(project, 'graph-example.mjs'),
      jsBlock(join(ROOT, 'packages/graph/README.md'), "import { createSession, evaluatePolicies, topologyOf } from '@composure/core';"),
    );
    const lines = run(process.execPath, [join(project, 'graph-example.mjs')], threeTier)
      .stdout.trimEnd()
      .split('\n');
    expect(lines[0]).toBe('flowchart LR');
    expect(lines.filter((line) => /^ {2}svc_(proxy|web|api|db|cache)\[/.test(line))).toHaveLength(5);
    expect(lines.at(-1)).toBe('true');
  });

  it("@composure/engine's README example compares the project in the current directory with the engine, and says when there is none", () => {
    writeFileSync(join(project, 'engine-example.mjs'), jsBlock(join(ROOT, 'packages/engine/README.md'), "import { createSession } from '@composure/core';"));
    const socket = join(temp(), 'no-engine.sock');
    const result = spawnSync(process.execPath, [join(project, 'engine-example.mjs')], {
      cwd: threeTier,
      env: { ...NPM_ENV, DOCKER_HOST: `unix://${socket}` },
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`cannot reach the Docker Engine at unix://${socket} (DOCKER_HOST): no socket there (ENOENT)\n`);
  });

  it("@composure/rules' README example lists the rules and prints a doc page", () => {
    writeFileSync(join(project, 'rules-example.mjs'), jsBlock(join(ROOT, 'rules/README.md'), "import { rules, ruleDoc } from '@composure/rules';"));
    const output = run(process.execPath, [join(project, 'rules-example.mjs')], project).stdout;
    expect(output.split('\n').slice(0, 2)).toEqual(['yaml-syntax error', 'compose-schema error']);
    expect(output).toContain('\n# no-flat-network\n');
  });
});

describe('the CLI alone', () => {
  it('npx --yes <tarball> in an empty folder runs its sole bin, composure', () => {
    const empty = join(temp(), 'empty');
    mkdirSync(empty);
    // A cache of its own: npx installs the tarball under <cache>/_npx, removed with the temporary directory.
    // A relative path: npx runs an absolute path that exists as a command of its own.
    const tarball = relative(empty, tarballs.get('@composure/cli')!);
    expect(tarball).toBe(`../tarballs/composure-cli-${VERSION}.tgz`);
    const result = run('npx', ['--yes', '--cache', join(temp(), 'npx-cache'), tarball, 'lint', threeTier, '--format', 'json'], empty, 1);
    const report = JSON.parse(result.stdout) as { messages: { ruleId: string }[] }[];
    expect(report.flatMap((file) => file.messages.map((m) => m.ruleId)).sort()).toEqual(THREE_TIER_RULES);
  });

  it(`installs as one package with no dependencies, under ${CLI_INSTALLED_BYTES_MAX.toLocaleString('en')} bytes`, () => {
    const alone = emptyProject('cli-alone');
    run('npm', [...INSTALL, tarballs.get('@composure/cli')!], alone);
    const nodeModules = join(alone, 'node_modules');
    expect(installedPackages(nodeModules)).toEqual(['@composure/cli']);
    const bytes = files(nodeModules).reduce((sum, file) => sum + file.size, 0);
    expect(bytes).toBeLessThan(CLI_INSTALLED_BYTES_MAX);
    // The README states the figure in MB to one decimal; it may lag the build by 0.1 MB, not more.
    const stated = /The CLI installs as one package of ([\d.]+) MB/.exec(readFileSync(join(ROOT, 'README.md'), 'utf8'))?.[1];
    expect(stated, 'README.md: "The CLI installs as one package of N MB"').toMatch(/^\d+\.\d$/);
    expect(Math.abs(Number(stated) * 1e6 - bytes), `README.md says ${stated} MB, the CLI installs as ${(bytes / 1e6).toFixed(2)} MB`).toBeLessThanOrEqual(
      150_000,
    );
    expect(run(join(nodeModules, '.bin/composure'), ['--version'], alone).stdout).toBe(`${VERSION}\n`);
  });
});
