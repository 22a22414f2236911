import { resolve } from 'node:path';
import { globSync } from 'tinyglobby';
import type { ConfiguredWorkspace, ProjectRef, ProjectResult, ResolvedConfig, Session, SessionSettings, WorkspaceEntry } from '@composure/core';
import { ProjectError, reasonOf, valueOf } from '../failures.js';
import { UsageError, write, type CliIO } from '../io.js';
import { openProjects, reportLoadProblems, type ProjectValues } from './targets.js';

/** The projects of a workspace: the PATHs (as `composure lint PATH...` takes them), else the configuration's `workspace:`. */
export async function openWorkspace(
  paths: string[],
  values: ProjectValues,
  io: CliIO,
  settings: Partial<SessionSettings> = {},
  match: DirectoryMatcher = matchDirectories,
): Promise<{ session: Session; projects: ProjectRef[] }> {
  if ((values.file ?? []).length > 0)
    throw new UsageError('--workspace takes project PATHs, not -f files (give each project its files under workspace: in the configuration)');
  const opened = await openProjects(paths, values, io, settings);
  if (paths.length > 0) return opened;
  const config = valueOf(opened.session.workspaceConfig());
  const projects = workspaceProjects(config, match);
  if (projects.length === 0)
    throw new UsageError('--workspace needs project PATHs, or a workspace: list in the configuration (.composure.yaml or -c) naming projects that exist');
  return { session: opened.session, projects };
}

/** The directories a `workspace:` entry (a directory or a glob, relative to `base`) matches, absolute and sorted. */
export type DirectoryMatcher = (pattern: string, base: string) => string[];

/** On disk. */
export const matchDirectories: DirectoryMatcher = (pattern, base) =>
  globSync(pattern, {
    cwd: base,
    onlyDirectories: true,
    absolute: true,
    ignore: ['**/node_modules/**', '**/.git/**'],
    expandDirectories: false,
  })
    // globSync gives directories with a trailing slash.
    .map((directory) => resolve(directory))
    .sort();

/** The configuration's `workspace:` entries as projects: each directory or glob (directories it matches), with its own files, env files and profiles. */
export function workspaceProjects(config: ResolvedConfig, match: DirectoryMatcher = matchDirectories): ProjectRef[] {
  if (!config.workspace) return [];
  const { base, entries } = config.workspace;
  return entries.flatMap((entry: WorkspaceEntry): ProjectRef[] => {
    const { path, files, env_file, profiles } = typeof entry === 'string' ? { path: entry } : entry;
    const directories = match(path, base);
    return directories.map((directory): ProjectRef => {
      const projectSettings = {
        ...(profiles ? { profiles } : {}),
        ...(env_file ? { envFiles: env_file.map((file) => resolve(directory, file)) } : {}),
      };
      const ref = files ? { kind: 'files' as const, files: files.map((file) => resolve(directory, file)) } : { kind: 'directory' as const, directory };
      return { ...ref, settings: projectSettings };
    });
  });
}

/**
 * Loads a workspace for reach and graph: each project configured, what loading found printed.
 * Undefined when a project cannot be loaded or has errors (already printed: exit 1).
 */
export async function loadTopologyWorkspace(
  positionals: string[],
  values: ProjectValues & { config?: string; 'engine-version'?: string },
  io: CliIO,
  settings: Partial<SessionSettings> = {},
  match: DirectoryMatcher = matchDirectories,
): Promise<ConfiguredWorkspace | undefined> {
  const { session, projects } = await openWorkspace(
    positionals,
    values,
    io,
    { ...settings, configFile: values.config, engineVersion: values['engine-version'] },
    match,
  );
  const result = session.configureWorkspace(projects);
  const unreadable = await printFailures(result.projects, io);
  if (unreadable > 0) throw new ProjectError(`${unreadable} project${unreadable === 1 ? '' : 's'} of the workspace cannot be read`);
  let failed = false;
  for (const project of result.projects) if (project.ok && (await reportLoadProblems(project.value.project, io))) failed = true;
  const workspace = valueOf(result.workspace);
  return failed ? undefined : workspace;
}

/** Prints why each project that could not be read failed; returns how many. */
export async function printFailures(results: readonly ProjectResult<unknown>[], io: CliIO): Promise<number> {
  let count = 0;
  for (const result of results) {
    if (result.ok) continue;
    await write(io.stderr, `composure: ${reasonOf(result.failure)}\n`);
    count++;
  }
  return count;
}
