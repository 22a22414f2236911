import { resolve } from 'node:path';
import { createSession, nodeHost, type ConfiguredProject, type Host, type ProjectRef } from '@composure/core';
import { rules, validateConfig } from '@composure/rules';
import { ProjectError, reasonOf } from '../failures.js';
import { UsageError, write, type CliIO } from '../io.js';
import { reportLoadProblems, type ProjectValues } from '../commands/targets.js';
import { openRevision } from './git-revision.js';

/**
 * The two sides of `composure diff BASE [HEAD]`: git revisions of the repository the working
 * directory is in (HEAD absent: the work tree), or two directories (HEAD absent: the working
 * directory). A revision's project is the one `composure reach` would analyse here (the working
 * directory's, or -f), its files read from that commit; a directory's is the directory's.
 */

export interface Side {
  /** As the user named it: the revision, the directory, or `work tree`. */
  label: string;
  /** Where relative paths (-f, --env-file, -c) resolve. */
  cwd: string;
  host: Host;
  project: ProjectRef;
}

export const WORK_TREE = 'work tree';

export type DiffValues = ProjectValues & { config?: string; 'engine-version'?: string };

function directorySide(label: string, directory: string, values: DiffValues): Side {
  const files = values.file ?? [];
  return { label, cwd: directory, host: nodeHost, project: files.length > 0 ? { kind: 'files', files } : { kind: 'directory', directory } };
}

function checkoutSide(label: string, cwd: string, host: Host, values: DiffValues): Side {
  const files = values.file ?? [];
  return { label, cwd, host, project: files.length > 0 ? { kind: 'files', files } : { kind: 'working-directory' } };
}

export function resolveSides(positionals: string[], values: DiffValues, io: CliIO): [Side, Side] {
  if (positionals.length === 0 || positionals.length > 2) throw new UsageError('diff takes BASE and an optional HEAD (git revisions or directories)');
  if ((values.file ?? []).includes('-')) throw new UsageError('diff reads its files from each side: -f - (standard input) has no place in it');
  const [base, head] = positionals;
  const directory = (name: string) => (nodeHost.isDirectory(resolve(io.cwd, name)) ? resolve(io.cwd, name) : undefined);
  const baseDirectory = directory(base);
  if (baseDirectory) {
    const headDirectory = head === undefined ? io.cwd : directory(head);
    if (!headDirectory) throw new UsageError(`BASE ${base} is a directory, so HEAD must be one too (no directory "${head}")`);
    return [directorySide(base, baseDirectory, values), directorySide(head ?? '.', headDirectory, values)];
  }
  if (head !== undefined && directory(head)) throw new UsageError(`HEAD ${head} is a directory, so BASE must be one too (no directory "${base}")`);
  const baseRevision = openRevision(io.cwd, base);
  const headSide = head === undefined ? checkoutSide(WORK_TREE, io.cwd, nodeHost, values) : checkoutSide(head, io.cwd, openRevision(io.cwd, head).host, values);
  return [checkoutSide(base, io.cwd, baseRevision.host, values), headSide];
}

/**
 * Loads one side with the project options, its configuration included (from that side).
 * Undefined when loading found errors (printed to standard error under the side's name).
 */
export async function loadSide(side: Side, values: DiffValues, io: CliIO): Promise<ConfiguredProject | undefined> {
  const session = createSession({
    rules,
    validateConfig,
    host: side.host,
    cwd: side.cwd,
    env: io.env,
    configFile: values.config,
    engineVersion: values['engine-version'],
    projectName: values['project-name'],
    projectDirectory: values['project-directory'],
    profiles: values.profile,
    envFiles: values['env-file'],
  });
  const result = session.configure(side.project);
  if (!result.ok) throw new ProjectError(`${side.label}: ${reasonOf(result.failure)}`);
  const problems = await captureProblems(result.value, io, side.label);
  return problems ? undefined : result.value;
}

/** The loading problems of a side, under a line naming it; whether any is an error. */
async function captureProblems(configured: ConfiguredProject, io: CliIO, label: string): Promise<boolean> {
  if (configured.project.diagnostics.length === 0) return false;
  await write(io.stderr, `composure: ${label}:\n`);
  return reportLoadProblems(configured.project, io);
}
