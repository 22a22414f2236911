/**
 * The pre-commit hooks (.pre-commit-hooks.yaml) as a user sets them up: the README's
 * `.pre-commit-config.yaml`, pointed at this repository and its HEAD commit, in a throwaway
 * git repository, run by the real `pre-commit` (Debian's package). pre-commit clones the
 * commit, installs it as it installs any `language: node` hook (npm install, npm pack, npm
 * install -g of the tarball) and runs `composure lint` on the project. It tests what is
 * committed: uncommitted changes to the hooks or the packaging are not in HEAD.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { NPM_ENV } from '../support/npm.js';
import { ROOT } from '../support/run-cli.js';
import { systemTool } from '../support/system-tool.js';
import { tempDirForFile } from '../support/temp-dir.js';

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  pass_filenames: boolean;
  additional_dependencies?: string[];
}
const hooks = parse(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

describe('.pre-commit-hooks.yaml', () => {
  it('runs composure lint on whole projects when a compose file or .composure.yaml changes', () => {
    expect(hooks.map((h) => [h.id, h.entry, h.language, h.pass_filenames])).toEqual([
      ['composure', 'composure lint', 'node', false],
      ['composure-system', 'composure lint', 'system', false],
    ]);
    for (const hook of hooks) {
      const files = new RegExp(hook.files);
      for (const name of ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'deploy/compose.override.yaml', 'docker-compose.prod.yaml', 'a/.composure.yaml'])
        expect(files.test(name), name).toBe(true);
      for (const name of ['composer.yaml', 'compose.json', 'mycompose.yaml', 'compose.yaml.bak', 'docs/compose.md']) expect(files.test(name), name).toBe(false);
    }
  });

  it('builds the node hook from the pinned commit, with nothing from npm but the build dependencies', () => {
    expect(hooks[0].additional_dependencies).toBeUndefined();
  });
});

/** The README's `.pre-commit-config.yaml`, for this repository at `rev`. */
function readmeConfig(rev: string): string {
  const block = [...readFileSync(join(ROOT, 'README.md'), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]).find((b) => b.startsWith('repos:'));
  if (!block) throw new Error('README.md has no ```yaml block beginning with repos: (the pre-commit configuration)');
  const config = block.replace('https://github.com/composure-lint/composure', ROOT).replace('<full commit SHA or release tag>', rev);
  expect(parse(config)).toEqual({ repos: [{ repo: ROOT, rev, hooks: [{ id: 'composure' }] }] });
  return config;
}

const preCommit = systemTool('pre-commit', 'pre-commit.test.ts', 'apt-get install -y pre-commit');

describe.skipIf(!preCommit)(`${preCommit ?? 'pre-commit'} with the README's configuration`, () => {
  const temp = tempDirForFile('composure-pre-commit-');
  const repo = () => join(temp(), 'repo');
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repo(), encoding: 'utf8' });
  /** `pre-commit run`, its home (the clone and environment it installs) in the temporary directory. */
  const run = (args: string[], path = process.env.PATH) =>
    spawnSync('pre-commit', ['run', '--color', 'never', ...args], {
      cwd: repo(),
      encoding: 'utf8',
      timeout: 600_000,
      env: { ...NPM_ENV, PATH: path, PRE_COMMIT_HOME: join(temp(), 'cache') },
    });

  it("installs composure from the commit and fails on the example's errors", () => {
    const rev = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' });
    if (rev.status !== 0) throw new Error(`the repository must be a git checkout for pre-commit to clone it: ${rev.stderr}`);
    mkdirSync(repo());
    expect(git('init', '-q').status).toBe(0);
    copyFileSync(join(ROOT, 'examples/three-tier/compose.yaml'), join(repo(), 'compose.yaml'));
    writeFileSync(join(repo(), '.pre-commit-config.yaml'), readmeConfig(rev.stdout.trim()));
    writeFileSync(join(repo(), 'notes.md'), 'not a compose file\n');
    expect(git('add', '-A').status).toBe(0);

    const result = run(['--all-files']);
    expect(result.status, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^composure\.+Failed$/m);
    expect(result.stdout).toContain('- exit code: 1');
    expect([...result.stdout.matchAll(/^ +\d+:\d+ +error .* ([a-z-]+)$/gm)].map((m) => m[1])).toEqual(['no-duplicate-container-names', 'no-undefined-network']);
    expect(result.stdout).toContain('✖ 14 problems (2 errors, 8 warnings, 4 infos)');
  }, 600_000);

  it('passes once the errors are fixed, and skips commits that touch no compose file', () => {
    writeFileSync(join(repo(), 'compose.yaml'), 'services:\n  web:\n    image: nginx:1.27\n');
    expect(git('add', '-A').status).toBe(0);
    const fixed = run(['--all-files']);
    expect(fixed.stdout).toMatch(/^composure\.+Passed$/m);
    expect(fixed.status, fixed.stdout).toBe(0);

    const other = run(['--files', 'notes.md']);
    expect(other.stdout).toMatch(/^composure\.+\(no files to check\)Skipped$/m);
    expect(other.status).toBe(0);
  });

  it('runs the composure on PATH with the composure-system hook', () => {
    const bin = join(temp(), 'bin');
    mkdirSync(bin);
    symlinkSync(join(ROOT, 'packages/cli/bin/composure.js'), join(bin, 'composure'));
    const config = readFileSync(join(repo(), '.pre-commit-config.yaml'), 'utf8').replace('- id: composure', '- id: composure-system');
    writeFileSync(join(repo(), 'system.yaml'), config);
    copyFileSync(join(ROOT, 'examples/three-tier/compose.yaml'), join(repo(), 'compose.yaml'));
    expect(git('add', '-A').status).toBe(0);
    const result = run(['--all-files', '--config', 'system.yaml'], `${bin}:${process.env.PATH}`);
    expect(result.stdout).toMatch(/^composure \(installed\)\.+Failed$/m);
    expect(result.stdout).toContain('✖ 14 problems (2 errors, 8 warnings, 4 infos)');
    expect(result.status).toBe(1);
  });
});
