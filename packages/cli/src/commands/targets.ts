import { resolve } from 'node:path';
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';
import {
  compareFindings,
  createSession,
  findingOf,
  nodeHost,
  type ConfiguredProject,
  type Project,
  type ProjectRef,
  type Session,
  type SessionSettings,
} from '@composure/core';
import { rules, validateConfig } from '@composure/rules';
import { valueOf } from '../failures.js';
import { formatStylish } from '../formatters/stylish.js';
import { useColor, UsageError, write, type CliIO } from '../io.js';

export interface ProjectValues {
  file?: string[];
  'project-name'?: string;
  'project-directory'?: string;
  profile?: string[];
  'env-file'?: string[];
  'stdin-filename'?: string;
}

/** The session a command analyses with (its settings, the project options) and the projects it is given. */
export interface Projects {
  session: Session;
  projects: ProjectRef[];
}

/**
 * Each PATH is a project: a directory (its default compose files, found as Docker Compose finds
 * them), a compose file, or `-` (standard input). `-f` files make one project together. With
 * neither, the current directory and its parents are searched. Paths are relative to where the
 * user is, whatever project a PATH names.
 */
export async function openProjects(paths: string[], values: ProjectValues, io: CliIO, settings: Partial<SessionSettings> = {}): Promise<Projects> {
  const files = values.file ?? [];
  if (files.length > 0 && paths.length > 0) throw new UsageError('give either PATH arguments or -f files, not both');
  const needsStdin = files.includes('-') || paths.includes('-');
  const stdin = needsStdin ? { text: await io.readStdin(), filename: values['stdin-filename'] } : undefined;
  const session = createSession({
    rules,
    validateConfig,
    ...settings,
    cwd: io.cwd,
    env: io.env,
    projectName: values['project-name'],
    projectDirectory: values['project-directory'],
    profiles: values.profile,
    envFiles: values['env-file'],
    stdin,
  });
  if (files.length > 0) return { session, projects: [{ kind: 'files', files }] };
  const { projects, skipped } = session.projectsAt(paths.flatMap((path) => expandGlob(path, io.cwd)));
  for (const path of skipped) await write(io.stderr, `composure: skipping ${path}: not a YAML file\n`);
  return { session, projects };
}

/** For the commands that work on one project (config, reach, graph, init): the first project named. */
export async function openProject(
  command: string,
  paths: string[],
  values: ProjectValues,
  io: CliIO,
  settings: Partial<SessionSettings> = {},
): Promise<{ session: Session; project: ProjectRef }> {
  if (paths.length > 1) throw new UsageError(`${command} takes one project`);
  const { session, projects } = await openProjects(paths, values, io, settings);
  if (projects.length === 0) throw new UsageError(`${paths[0]} names no compose project (the files it matches are not YAML)`);
  return { session, project: projects[0] };
}

/**
 * For commands that print the project rather than lint it (config, reach, graph): what loading
 * found goes to standard error, as stylish findings. Returns whether any is an error (exit 1).
 */
export async function reportLoadProblems(project: Project, io: CliIO): Promise<boolean> {
  // Findings mask URL passwords in messages, as everywhere else.
  const problems = project.diagnostics.map((d) => findingOf(d, project.files.get(d.loc.file)!)).sort(compareFindings);
  if (problems.length === 0) return false;
  const byFile = [...new Set(problems.map((p) => p.file))].map((filePath) => ({ filePath, findings: problems.filter((p) => p.file === filePath) }));
  await write(io.stderr, formatStylish(byFile, { cwd: io.cwd, color: useColor(io, undefined, io.stderr) }));
  return problems.some((p) => p.severity === 'error');
}

/**
 * Loads the one project a topology command works on, with its configuration (policies,
 * datastores). Undefined when loading found errors (already printed: exit 1).
 */
export async function loadTopologyProject(
  command: string,
  positionals: string[],
  values: ProjectValues & { config?: string; 'engine-version'?: string },
  io: CliIO,
  settings: Partial<SessionSettings> = {},
): Promise<ConfiguredProject | undefined> {
  const { session, project } = await openProject(command, positionals, values, io, {
    ...settings,
    configFile: values.config,
    engineVersion: values['engine-version'],
  });
  const loaded = valueOf(session.configure(project));
  return (await reportLoadProblems(loaded.project, io)) ? undefined : loaded;
}

/**
 * A PATH with glob characters that names no existing file is a pattern (quoted so that the
 * shell left it alone, as in CI configuration): the files and directories it matches, sorted,
 * never inside node_modules or .git. No match is a usage error, as ESLint makes it.
 */
function expandGlob(path: string, cwd: string): string[] {
  if (path === '-' || !picomatch.scan(path).isGlob || nodeHost.isFile(resolve(cwd, path)) || nodeHost.isDirectory(resolve(cwd, path))) return [path];
  const matches = globSync(path, { cwd, onlyFiles: false, dot: true, ignore: ['**/node_modules/**', '**/.git/**'], expandDirectories: false }).sort();
  if (matches.length === 0) throw new UsageError(`no file or directory matches "${path}"`);
  return matches;
}
