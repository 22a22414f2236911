import { dirname, resolve } from 'node:path';
import type { Host } from '../host.js';
import { discoverComposeFiles } from '../load/discover.js';

/**
 * Which project to analyse, as the user names it (the settings it is loaded with are the session's):
 * - `files`: these compose files merged in order, as `-f` gives them (`-` is standard input;
 *   relative paths are relative to the session's working directory);
 * - `directory`: the compose files Docker Compose picks in a directory (COMPOSE_FILE, or
 *   compose.yaml and its override), as `composure lint DIR`;
 * - `working-directory`: `docker compose` run without -f in the session's working directory:
 *   the project directory's files, or the first found in the working directory and its parents.
 */
export type ProjectRef = (
  | { readonly kind: 'files'; readonly files: readonly string[] }
  | { readonly kind: 'directory'; readonly directory: string }
  | { readonly kind: 'working-directory' }
) & {
  /** Settings of this project over the session's (a `workspace:` entry's own profiles and env files). */
  readonly settings?: ProjectSettings;
};

/** What a project may set for itself over the session's settings. */
export interface ProjectSettings {
  readonly profiles?: readonly string[];
  /** Env files instead of the project's `.env`, relative to the session's working directory or absolute. */
  readonly envFiles?: readonly string[];
}

/** A project named by its compose files (what `projectOf` gives). */
export type ProjectFiles = Extract<ProjectRef, { kind: 'files' }>;

/** The projects PATH arguments name, and the PATHs passed over (files that are not YAML among several PATHs). */
export interface ProjectsAt {
  projects: ProjectRef[];
  skipped: string[];
}

/**
 * Each PATH is a project, as `composure lint PATH...` takes them: a directory, a compose file, or
 * `-`. Among several PATHs (`composure lint dir/*` hands over READMEs and licences too) a file that
 * is not YAML is skipped. No PATH at all is the project of the working directory.
 */
export function projectsAt(paths: readonly string[], cwd: string, host: Host): ProjectsAt {
  if (paths.length === 0) return { projects: [{ kind: 'working-directory' }], skipped: [] };
  const projects: ProjectRef[] = [];
  const skipped: string[] = [];
  for (const path of paths) {
    if (path === '-') {
      projects.push({ kind: 'files', files: ['-'] });
      continue;
    }
    const absolute = resolve(cwd, path);
    if (host.isDirectory(absolute)) projects.push({ kind: 'directory', directory: absolute });
    else if (paths.length > 1 && host.isFile(absolute) && !/\.ya?ml$/i.test(absolute)) skipped.push(path);
    else projects.push({ kind: 'files', files: [absolute] });
  }
  return { projects, skipped };
}

/**
 * The project a compose file belongs to, as an editor or ESLint opens it: the files Docker Compose
 * picks in its directory (compose.yaml and its override) when it is one of them, else the file alone
 * (a docker-compose.yml beside a compose.yaml, a compose.prod.yaml: nothing else would lint it).
 */
export function projectOf(file: string, cwd: string, host: Host): ProjectFiles {
  const absolute = resolve(cwd, file);
  const discovered = discoverComposeFiles(dirname(absolute), host);
  return { kind: 'files', files: discovered.includes(absolute) ? discovered : [absolute] };
}
