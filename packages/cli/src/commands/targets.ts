import { resolve } from 'node:path';
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';
import { compareFindings, discoverComposeFiles, findingOf, loadConfigured, nodeHost, type LoadOptions, type Project, type ResolvedConfig } from '@composure/core';
import { rules, validateConfig } from '@composure/rules';
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

/**
 * Each PATH is a project: a directory (its default compose files, found as Docker
 * Compose finds them), a compose file, or `-` (standard input). `-f` files make one
 * project together. With neither, the current directory and its parents are searched.
 */
export async function projectTargets(paths: string[], values: ProjectValues, io: CliIO): Promise<LoadOptions[]> {
  // Paths given on the command line are relative to where the user is, whatever project a PATH names.
  const fromCwd = (path: string) => resolve(io.cwd, path);
  const common: LoadOptions = {
    projectName: values['project-name'],
    projectDirectory: values['project-directory'] === undefined ? undefined : fromCwd(values['project-directory']),
    profiles: values.profile,
    envFiles: values['env-file']?.map(fromCwd),
    env: Object.fromEntries(Object.entries(io.env).filter((e): e is [string, string] => e[1] !== undefined)),
    cwd: io.cwd,
  };
  const files = values.file ?? [];
  if (files.length > 0 && paths.length > 0) throw new UsageError('give either PATH arguments or -f files, not both');
  const needsStdin = files.includes('-') || paths.includes('-');
  const stdin = needsStdin ? { text: await io.readStdin(), filename: values['stdin-filename'] } : undefined;
  if (files.length > 0) return [{ ...common, files, stdin }];
  if (paths.length === 0) return [{ ...common, searchParents: true }];
  const targets: LoadOptions[] = [];
  const expanded = paths.flatMap((path) => expandGlob(path, io.cwd));
  for (const path of expanded) {
    if (path === '-') {
      targets.push({ ...common, files: ['-'], stdin });
      continue;
    }
    const absolute = fromCwd(path);
    if (!nodeHost.isDirectory(absolute)) {
      // `composure lint dir/*` hands over READMEs and licences too: only YAML files are projects then.
      if (expanded.length > 1 && nodeHost.isFile(absolute) && !/\.ya?ml$/i.test(absolute)) {
        await write(io.stderr, `composure: skipping ${path}: not a YAML file\n`);
        continue;
      }
      targets.push({ ...common, files: [absolute] });
      continue;
    }
    // A directory: its compose files, found as Docker Compose finds them. With --project-directory
    // the files still come from the directory given (the loader would otherwise look in the project directory).
    const found = common.projectDirectory ? discoverComposeFiles(absolute, nodeHost) : [];
    targets.push(found.length > 0 ? { ...common, files: found } : { ...common, cwd: absolute, projectDirectory: undefined });
  }
  return targets;
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
export async function loadTopologyProject(command: string, positionals: string[], values: ProjectValues & { config?: string }, io: CliIO): Promise<{ project: Project; config: ResolvedConfig } | undefined> {
  if (positionals.length > 1) throw new UsageError(`${command} takes one project`);
  const [target] = await projectTargets(positionals, values, io);
  const loaded = loadConfigured({ ...target, rules, validateConfig, configFile: values.config });
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
