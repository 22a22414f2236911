/**
 * Git repositories made by a test: a change committed as two revisions (tags `base` and `head`),
 * from a fixture's `base/` and `head/` directories. Commits have fixed authors and dates, so
 * that their ids are the same on every run.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const ENV = {
  PATH: process.env.PATH ?? '/usr/bin:/bin',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'composure test',
  GIT_AUTHOR_EMAIL: 'test@composure.invalid',
  GIT_AUTHOR_DATE: '2026-01-01T00:00:00Z',
  GIT_COMMITTER_NAME: 'composure test',
  GIT_COMMITTER_EMAIL: 'test@composure.invalid',
  GIT_COMMITTER_DATE: '2026-01-01T00:00:00Z',
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Puts a directory's files in the work tree (in place of everything but .git). */
export function replaceWorkTree(repo: string, from: string): void {
  for (const name of readdirSync(repo)) if (name !== '.git') rmSync(join(repo, name), { recursive: true, force: true });
  cpSync(from, repo, { recursive: true });
}

/** Commits the whole work tree and tags it. */
export function commitAll(repo: string, tag: string): void {
  git(repo, 'add', '--all');
  git(repo, 'commit', '--quiet', '--allow-empty', '-m', tag);
  git(repo, 'tag', tag);
}

/**
 * A repository at `repo` (under `subdirectory` when given) with the fixture's `base/` committed as
 * `base`, then `head/` as `head` (or, with `commitHead: false`, left in the work tree uncommitted).
 */
export function changeRepository(repo: string, fixture: string, options: { commitHead?: boolean; subdirectory?: string } = {}): string {
  mkdirSync(repo, { recursive: true });
  git(repo, 'init', '--quiet', '--initial-branch=main');
  const project = options.subdirectory ? join(repo, options.subdirectory) : repo;
  mkdirSync(project, { recursive: true });
  replaceWorkTree(project, join(fixture, 'base'));
  commitAll(repo, 'base');
  replaceWorkTree(project, join(fixture, 'head'));
  if (options.commitHead !== false) commitAll(repo, 'head');
  return project;
}
