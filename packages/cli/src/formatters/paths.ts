import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * The repository a run lints: the nearest directory from `cwd` upwards that holds
 * `.git` (a directory, or a file in worktrees and submodules); `cwd` when there is none.
 * Code scanning (SARIF) and GitLab code quality name files relative to it.
 */
export function repositoryRoot(cwd: string): string {
  const start = resolve(cwd);
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return start;
  }
}

/** `file` relative to `base`, with forward slashes whatever the platform (`../x` when outside it). */
export function relativePath(base: string, file: string): string {
  if (!isAbsolute(file)) return file.split(sep).join('/');
  return (relative(base, file) || file).split(sep).join('/');
}

/** Whether a relative path stays inside its base. */
export function isInside(path: string): boolean {
  return path !== '..' && !path.startsWith('../') && !isAbsolute(path);
}
