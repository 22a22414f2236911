import { statSync } from 'node:fs';

/**
 * What the disk holds of the files an analysis depended on (each one's size and modification
 * time, or its absence): ESLint tells a plugin of no file change, so a long-running ESLint (an
 * editor's) compares this to learn that an override, a `.env` or a `.composure.yaml` changed,
 * or appeared, since a file was analysed.
 */
export function diskState(paths: Iterable<string>): string {
  return [...paths].map((path) => `${path}\0${stamp(path)}`).join('\n');
}

function stamp(path: string): string {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    return stats ? `${stats.isDirectory() ? 'dir' : 'file'} ${stats.size} ${stats.mtimeMs}` : 'none';
  } catch {
    return 'none';
  }
}
