import { execFileSync } from 'node:child_process';
import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import picomatch from 'picomatch';
import { nodeHost, type Host } from '@composure/core';
import { ProjectError } from '../failures.js';

/**
 * A git revision as a Host: the files of the work tree's paths as they are at that commit, read
 * through git (`git ls-tree`, `git cat-file`), never checked out. Paths outside the repository
 * (an env file or configuration above it) are read from disk, as for the work tree.
 */

export interface GitRevision {
  /** The repository's top directory, spelled as the working directory spells it. */
  root: string;
  commit: string;
  host: Host;
  /** The directories of the revision a glob relative to `base` matches (a workspace's entries), absolute and sorted. */
  matchDirectories(pattern: string, base: string): string[];
}

interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
}

/** Symbolic links followed inside the revision before giving up (a loop). */
const MAX_LINKS = 8;

function git(args: string[], cwd: string): Buffer {
  return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
}

/** What git said when it refused, first line only. */
function gitReason(error: unknown): string {
  const stderr = (error as { stderr?: Buffer }).stderr?.toString('utf8').trim().split('\n')[0];
  return stderr || (error as Error).message;
}

/** The repository around `cwd` and a commit in it; a ProjectError (exit 2, one line) when there is none. */
export function openRevision(cwd: string, revision: string): GitRevision {
  let prefix: string;
  try {
    prefix = git(['rev-parse', '--show-prefix'], cwd).toString('utf8').trim();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ProjectError(`git is not installed, so the revision "${revision}" cannot be read`);
    throw new ProjectError(`${cwd} is not in a git repository, so "${revision}" names no revision (${gitReason(error)})`);
  }
  let commit: string;
  try {
    commit = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${revision}^{commit}`], cwd)
      .toString('utf8')
      .trim();
  } catch {
    throw new ProjectError(`unknown revision "${revision}" (not a commit, branch or tag of the repository, nor a directory)`);
  }
  const up = prefix.split('/').filter(Boolean).length;
  const root = resolve(cwd, ...Array<string>(up).fill('..'));
  let directories: string[] | undefined;
  const matchDirectories = (pattern: string, base: string) => {
    directories ??= git(['ls-tree', '-r', '-d', '-z', '--name-only', '--full-tree', commit], cwd)
      .toString('utf8')
      .split('\0')
      .filter(Boolean)
      .map((dir) => join(root, ...dir.split('/')));
    const matches = picomatch(pattern, { dot: true });
    return directories
      .filter((dir) => {
        const rel = relative(base, dir).split(sep).join('/');
        return rel !== '' && !rel.startsWith('..') && !rel.split('/').includes('node_modules') && matches(rel);
      })
      .sort();
  };
  return { root, commit, host: revisionHost(root, commit, cwd), matchDirectories };
}

function revisionHost(root: string, commit: string, cwd: string): Host {
  const listings = new Map<string, Map<string, TreeEntry>>();
  /** The entries of a directory of the revision (`` for the top), listed once. */
  const listing = (dir: string): Map<string, TreeEntry> => {
    let entries = listings.get(dir);
    if (entries) return entries;
    entries = new Map();
    listings.set(dir, entries);
    let text: string;
    try {
      text = git(['ls-tree', '-z', '--full-tree', dir === '' ? commit : `${commit}:${dir}`], cwd).toString('utf8');
    } catch {
      return entries; // not a directory at that commit
    }
    for (const record of text.split('\0')) {
      const tab = record.indexOf('\t');
      if (tab < 0) continue;
      const [mode, type, oid] = record.slice(0, tab).split(' ');
      entries.set(record.slice(tab + 1), { mode, type, oid });
    }
    return entries;
  };
  const blob = (oid: string) => git(['cat-file', 'blob', oid], cwd);

  /** The entry at a repository path, symbolic links inside the revision followed. */
  const entryAt = (path: string, links = 0): TreeEntry | undefined => {
    if (path === '') return { mode: '040000', type: 'tree', oid: '' };
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? '' : path.slice(0, slash);
    const entry = listing(dir).get(path.slice(slash + 1));
    if (entry?.mode !== '120000') return entry;
    if (links >= MAX_LINKS) return undefined;
    const target = posix.normalize(posix.join(dir, blob(entry.oid).toString('utf8')));
    return target.startsWith('../') || target === '..' || posix.isAbsolute(target) ? undefined : entryAt(target === '.' ? '' : target, links + 1);
  };

  /** A path inside the repository as git spells it, or undefined outside it. */
  const inRepository = (path: string): string | undefined => {
    const rel = relative(root, resolve(path));
    if (rel === '') return '';
    if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
    return rel.split(sep).join('/');
  };

  return {
    readFile(path) {
      const rel = inRepository(path);
      if (rel === undefined) return nodeHost.readFile(path);
      const entry = entryAt(rel);
      return entry?.type === 'blob' ? new Uint8Array(blob(entry.oid)) : undefined;
    },
    isFile(path) {
      const rel = inRepository(path);
      return rel === undefined ? nodeHost.isFile(path) : entryAt(rel)?.type === 'blob';
    },
    isDirectory(path) {
      const rel = inRepository(path);
      return rel === undefined ? nodeHost.isDirectory(path) : entryAt(rel)?.type === 'tree';
    },
  };
}
