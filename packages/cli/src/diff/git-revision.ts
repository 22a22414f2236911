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
  const tree = revisionTree(commit, cwd, prefix.replace(/\/$/, ''));
  const matchDirectories = (pattern: string, base: string) => {
    const matches = picomatch(pattern, { dot: true });
    return tree
      .directories()
      .map((dir) => join(root, ...dir.split('/')))
      .filter((dir) => {
        const rel = relative(base, dir).split(sep).join('/');
        return rel !== '' && !rel.startsWith('..') && !rel.split('/').includes('node_modules') && matches(rel);
      })
      .sort();
  };
  return { root, commit, host: revisionHost(root, tree), matchDirectories };
}

/** Files the loader may read (compose files, env files, the configuration): fetched in one batch. */
const LIKELY_READ = /\.ya?ml$|(^|\.)env(\.|$)/i;
/** At most this much is fetched ahead; past it, each file is read when asked for. */
const PREFETCH_FILES = 4000;
const PREFETCH_BYTES = 32 << 20;

interface RevisionTree {
  /** The entries of a directory (`` for the top). */
  listing(dir: string): Map<string, TreeEntry>;
  /** Every directory of the revision. */
  directories(): string[];
  blob(oid: string): Buffer;
}

/**
 * The revision's tree, read with as few git processes as it takes: the working directory's subtree
 * listed once (`ls-tree -r`) and its YAML and env files fetched in one `cat-file --batch`; any other
 * directory listed, and any other file read, when first asked for.
 */
function revisionTree(commit: string, cwd: string, prefix: string): RevisionTree {
  const listings = new Map<string, Map<string, TreeEntry>>();
  const inSubtree = (dir: string) => prefix === '' || dir === prefix || dir.startsWith(`${prefix}/`);
  const blobs = new Map<string, Buffer>();
  let subtreeRead = false;

  const addEntry = (path: string, entry: TreeEntry) => {
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? '' : path.slice(0, slash);
    let entries = listings.get(dir);
    if (!entries) listings.set(dir, (entries = new Map()));
    entries.set(path.slice(slash + 1), entry);
  };
  /** `<mode> <type> <oid> <size>\t<path>` records (size `-` for trees), NUL-separated. */
  const records = (text: string) =>
    text
      .split('\0')
      .filter((record) => record.includes('\t'))
      .map((record) => {
        const tab = record.indexOf('\t');
        const [mode, type, oid, size] = record.slice(0, tab).split(/\s+/);
        return { path: record.slice(tab + 1), entry: { mode, type, oid }, size: Number(size) };
      });

  const readSubtree = () => {
    subtreeRead = true;
    const found = records(git(['ls-tree', '-r', '-t', '-l', '-z', '--full-tree', commit, ...(prefix ? ['--', prefix] : [])], cwd).toString('utf8'));
    // The subtree's directories exist even when empty of files: list each, then fill them.
    listings.set(prefix, listings.get(prefix) ?? new Map());
    const wanted: string[] = [];
    let bytes = 0;
    for (const { path, entry, size } of found) {
      if (!inSubtree(path) || path === prefix) continue;
      addEntry(path, entry);
      if (entry.type === 'tree' && !listings.has(path)) listings.set(path, new Map());
      const name = path.slice(path.lastIndexOf('/') + 1);
      if (entry.type === 'blob' && entry.mode !== '120000' && LIKELY_READ.test(name) && wanted.length < PREFETCH_FILES && bytes + size <= PREFETCH_BYTES) {
        wanted.push(entry.oid);
        bytes += size;
      }
    }
    if (wanted.length > 0) fetchBlobs(wanted);
  };

  /** `git cat-file --batch`: `<oid> <type> <size>\n<content>\n` for each object asked for. */
  const fetchBlobs = (oids: string[]) => {
    const out = execFileSync('git', ['cat-file', '--batch'], { cwd, input: oids.join('\n') + '\n', stdio: ['pipe', 'pipe', 'pipe'], maxBuffer: 1 << 30 });
    let at = 0;
    while (at < out.length) {
      const newline = out.indexOf(10, at);
      if (newline < 0) break;
      const [oid, type, size] = out.subarray(at, newline).toString('utf8').split(' ');
      if (type === 'missing' || size === undefined) {
        at = newline + 1;
        continue;
      }
      const length = Number(size);
      blobs.set(oid, out.subarray(newline + 1, newline + 1 + length));
      at = newline + 1 + length + 1;
    }
  };

  return {
    listing(dir) {
      if (inSubtree(dir) && !subtreeRead) readSubtree();
      let entries = listings.get(dir);
      if (entries) return entries;
      listings.set(dir, (entries = new Map()));
      if (inSubtree(dir)) return entries; // not a directory at that commit
      let text: string;
      try {
        text = git(['ls-tree', '-z', '-l', '--full-tree', dir === '' ? commit : `${commit}:${dir}`], cwd).toString('utf8');
      } catch {
        return entries; // not a directory at that commit
      }
      for (const { path, entry } of records(text)) entries.set(path, entry);
      return entries;
    },
    directories() {
      const out = git(['ls-tree', '-r', '-d', '-z', '--name-only', '--full-tree', commit], cwd).toString('utf8');
      return out.split('\0').filter(Boolean);
    },
    blob(oid) {
      let bytes = blobs.get(oid);
      if (!bytes) blobs.set(oid, (bytes = git(['cat-file', 'blob', oid], cwd)));
      return bytes;
    },
  };
}

function revisionHost(root: string, tree: RevisionTree): Host {
  /** The entry at a repository path, symbolic links inside the revision followed. */
  const entryAt = (path: string, links = 0): TreeEntry | undefined => {
    if (path === '') return { mode: '040000', type: 'tree', oid: '' };
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? '' : path.slice(0, slash);
    const entry = tree.listing(dir).get(path.slice(slash + 1));
    if (entry?.mode !== '120000') return entry;
    if (links >= MAX_LINKS) return undefined;
    const target = posix.normalize(posix.join(dir, tree.blob(entry.oid).toString('utf8')));
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
      return entry?.type === 'blob' ? new Uint8Array(tree.blob(entry.oid)) : undefined;
    },
    isFile(path) {
      const rel = inRepository(path);
      return rel === undefined ? nodeHost.isFile(path) : entryAt(rel)?.type === 'blob';
    },
    isDirectory(path) {
      const rel = inRepository(path);
      return rel === undefined ? nodeHost.isDirectory(path) : entryAt(rel)?.type === 'tree';
    },
    listDirectory(path) {
      const rel = inRepository(path);
      if (rel === undefined) return nodeHost.listDirectory?.(path);
      // A directory reached through a symbolic link is not listed (its files can still be named).
      const entry = entryAt(rel);
      return entry?.type === 'tree' && entry.mode !== '120000' ? [...tree.listing(rel).keys()].sort() : undefined;
    },
  };
}
