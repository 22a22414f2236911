import { resolve } from 'node:path';
import { nodeHost, type Host, type Project, type SessionSettings } from '@composure/core';
import { ProjectError } from '../failures.js';
import { UsageError, type CliIO } from '../io.js';
import { loadTopologyProject, type ProjectValues } from '../commands/targets.js';
import { projectTarget, workspaceTarget, type TopologyTarget } from '../commands/topology-target.js';
import { loadTopologyWorkspace, matchDirectories, type DirectoryMatcher } from '../commands/workspace-targets.js';
import { openRevision } from './git-revision.js';

/**
 * The two sides of `composure diff BASE [HEAD]`: git revisions of the repository the working
 * directory is in (HEAD absent: the work tree), or two directories (HEAD absent: the working
 * directory). Each side is loaded as `composure reach` loads a project (or, with --workspace, a
 * workspace), its files read from its revision or directory: the same code on both sides.
 */

export interface Side {
  /** As the user named it: the revision, the directory, or `work tree`. */
  label: string;
  /** Where relative paths (PATHs, -f, --env-file, -c) resolve: the working directory, or the side's directory. */
  cwd: string;
  host: Host;
  /** A workspace's `workspace:` globs, matched in the side's files. */
  match: DirectoryMatcher;
}

export const WORK_TREE = 'work tree';

export type DiffValues = ProjectValues & { config?: string; 'engine-version'?: string; workspace?: boolean };

/** A side loaded: what reach computes on (one project's topology, or a workspace's), and the projects whose files it read. */
export interface LoadedSide {
  target: TopologyTarget;
  projects: Project[];
}

export function resolveSides(sides: string[], values: DiffValues, io: CliIO): [Side, Side] {
  if (sides.length === 0 || sides.length > 2) throw new UsageError('diff takes BASE and an optional HEAD (git revisions or directories)');
  if ((values.file ?? []).includes('-')) throw new UsageError('diff reads its files from each side: -f - (standard input) has no place in it');
  const [base, head] = sides;
  const directory = (name: string) => (nodeHost.isDirectory(resolve(io.cwd, name)) ? resolve(io.cwd, name) : undefined);
  const onDisk = (label: string, cwd: string): Side => ({ label, cwd, host: nodeHost, match: matchDirectories });
  const baseDirectory = directory(base);
  if (baseDirectory) {
    const headDirectory = head === undefined ? io.cwd : directory(head);
    if (!headDirectory) throw new UsageError(`BASE ${base} is a directory, so HEAD must be one too (no directory "${head}")`);
    return [onDisk(base, baseDirectory), onDisk(head ?? '.', headDirectory)];
  }
  if (head !== undefined && directory(head)) throw new UsageError(`HEAD ${head} is a directory, so BASE must be one too (no directory "${base}")`);
  const revision = (label: string): Side => {
    const { host, matchDirectories: match } = openRevision(io.cwd, label);
    return { label, cwd: io.cwd, host, match };
  };
  return [revision(base), head === undefined ? onDisk(WORK_TREE, io.cwd) : revision(head)];
}

/** Standard error with a line naming the side before the first thing written to it (its load problems). */
function underLabel(stream: NodeJS.WritableStream, label: string): NodeJS.WritableStream {
  let named = false;
  const write = (chunk: string, callback?: (error?: Error | null) => void) => {
    if (!named) stream.write(`composure: ${label}:\n`);
    named = true;
    return stream.write(chunk, callback);
  };
  return Object.assign(Object.create(stream) as NodeJS.WritableStream, { write });
}

/**
 * Loads one side with the project options (PATHs after `--` name the project, or with --workspace
 * the projects), its configuration included (from that side). Undefined when loading found
 * errors, printed to standard error under the side's name; a project that cannot be read is a
 * ProjectError naming the side.
 */
export async function loadSide(side: Side, paths: string[], values: DiffValues, io: CliIO): Promise<LoadedSide | undefined> {
  const sideIo: CliIO = { ...io, cwd: side.cwd, stderr: underLabel(io.stderr, side.label) };
  const settings: Partial<SessionSettings> = { host: side.host };
  try {
    if (values.workspace) {
      const loaded = await loadTopologyWorkspace(paths, values, sideIo, settings, side.match);
      return loaded && { target: workspaceTarget(loaded, side.cwd)!, projects: loaded.workspace.members.map((m) => m.project) };
    }
    const loaded = await loadTopologyProject('diff', paths, values, sideIo, settings);
    return loaded && { target: projectTarget(loaded)!, projects: [loaded.project] };
  } catch (error) {
    if (error instanceof ProjectError) throw new ProjectError(`${side.label}: ${error.message}`);
    throw error;
  }
}
