import { basename } from 'node:path';

/** Compose's normalisation: lower case, only [a-z0-9_-], no leading `_` or `-`. */
export function normalizeProjectName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, '')
    .replace(/^[_-]+/, '');
}

export function isValidProjectName(name: string): boolean {
  return name !== '' && normalizeProjectName(name) === name;
}

/** The project name from the directory, as Compose derives it when nothing else names the project. */
export function projectNameFromDirectory(dir: string): string {
  return normalizeProjectName(basename(dir));
}
