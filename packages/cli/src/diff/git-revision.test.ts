import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProjectError } from '../failures.js';
import { openRevision } from './git-revision.js';

const ENV = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@t',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@t',
};
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: ENV, stdio: ['ignore', 'pipe', 'pipe'] }).toString('utf8');
const text = (bytes: Uint8Array | undefined) => (bytes === undefined ? undefined : new TextDecoder().decode(bytes));

let dir: string;
let repo: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'composure-git-revision-'));
  repo = join(dir, 'repo');
  mkdirSync(join(repo, 'stacks/web'), { recursive: true });
  git(repo, 'init', '--quiet', '--initial-branch=main');
  writeFileSync(join(repo, 'stacks/web/real.yaml'), 'services: {}\n');
  writeFileSync(join(repo, 'stacks/web/notes.txt'), 'not fetched ahead\n');
  writeFileSync(join(repo, 'base.yaml'), 'outside the subtree\n');
  symlinkSync('real.yaml', join(repo, 'stacks/web/compose.yaml'));
  symlinkSync('../../../outside.yaml', join(repo, 'stacks/web/escape.yaml'));
  symlinkSync('loop-b', join(repo, 'loop-a'));
  symlinkSync('loop-a', join(repo, 'loop-b'));
  git(repo, 'add', '--all');
  git(repo, 'commit', '--quiet', '-m', 'one');
  // The work tree moves on: the revision still has what was committed.
  writeFileSync(join(repo, 'stacks/web/real.yaml'), 'services: { changed: {} }\n');
  writeFileSync(join(repo, 'stacks/web/new.yaml'), 'new\n');
  writeFileSync(join(dir, 'outside.yaml'), 'outside\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openRevision', () => {
  it('reads files and directories as the commit has them, whatever the work tree holds, from a subdirectory too', () => {
    const { root, host } = openRevision(join(repo, 'stacks/web'), 'main');
    expect(root).toBe(repo);
    expect(text(host.readFile(join(repo, 'stacks/web/real.yaml')))).toBe('services: {}\n');
    expect(host.isFile(join(repo, 'stacks/web/new.yaml'))).toBe(false);
    expect(host.readFile(join(repo, 'stacks/web/new.yaml'))).toBeUndefined();
    expect(host.isDirectory(join(repo, 'stacks'))).toBe(true);
    expect(host.isDirectory(repo)).toBe(true);
    expect(host.isFile(join(repo, 'stacks'))).toBe(false);
    expect(host.isDirectory(join(repo, 'stacks/web/real.yaml'))).toBe(false);
    // The subtree's YAML is fetched in one batch; the rest is read when asked for.
    expect(text(host.readFile(join(repo, 'stacks/web/notes.txt')))).toBe('not fetched ahead\n');
    expect(text(host.readFile(join(repo, 'base.yaml')))).toBe('outside the subtree\n');
    expect(host.isFile(join(repo, 'stacks/web/missing.yaml'))).toBe(false);
    expect(host.isDirectory(join(repo, 'stacks/missing'))).toBe(false);
    expect(host.listDirectory?.(join(repo, 'stacks/web'))).toEqual(['compose.yaml', 'escape.yaml', 'notes.txt', 'real.yaml']);
    expect(host.listDirectory?.(repo)).toEqual(['base.yaml', 'loop-a', 'loop-b', 'stacks']);
    expect(host.listDirectory?.(join(repo, 'stacks/web/real.yaml'))).toBeUndefined();
  });

  it('follows symbolic links inside the revision, not out of it nor round a loop', () => {
    const { host } = openRevision(repo, 'main');
    expect(text(host.readFile(join(repo, 'stacks/web/compose.yaml')))).toBe('services: {}\n');
    expect(host.isFile(join(repo, 'stacks/web/escape.yaml'))).toBe(false);
    expect(host.isFile(join(repo, 'loop-a'))).toBe(false);
  });

  it('reads paths outside the repository from disk', () => {
    const { host } = openRevision(repo, 'main');
    expect(text(host.readFile(join(dir, 'outside.yaml')))).toBe('outside\n');
    expect(host.isDirectory(dir)).toBe(true);
  });

  it("matches a workspace's globs against the revision's directories", () => {
    const { matchDirectories } = openRevision(repo, 'main');
    expect(matchDirectories('stacks/*', repo)).toEqual([join(repo, 'stacks/web')]);
    expect(matchDirectories('*', join(repo, 'stacks'))).toEqual([join(repo, 'stacks/web')]);
    expect(matchDirectories('nothing/*', repo)).toEqual([]);
  });

  it('refuses an unknown revision and a directory outside any repository, as a ProjectError', () => {
    expect(() => openRevision(repo, 'no-such-branch')).toThrow(
      new ProjectError('unknown revision "no-such-branch" (not a commit, branch or tag of the repository, nor a directory)'),
    );
    expect(() => openRevision(repo, '--output=x')).toThrow(ProjectError);
    expect(() => openRevision(dir, 'main')).toThrow(/is not in a git repository, so "main" names no revision/);
  });
});
