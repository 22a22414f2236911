import { basename, dirname, extname, join } from 'node:path';
import type { Host } from '../host.js';

/** Docker Compose's default file names, in order of preference. */
export const DEFAULT_COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

/** `compose.yaml` → `compose.override.yaml`. */
export function overrideFileFor(file: string): string {
  const ext = extname(file);
  return join(dirname(file), `${basename(file, ext)}.override${ext}`);
}

/**
 * The compose files Docker Compose would pick in a directory: the first default
 * name that exists, plus its matching override file. With `walkUp`, parent
 * directories are searched too, as `docker compose` does when run without -f.
 */
export function discoverComposeFiles(dir: string, host: Host, walkUp = false): string[] {
  let current = dir;
  for (;;) {
    for (const name of DEFAULT_COMPOSE_FILES) {
      const candidate = join(current, name);
      if (host.isFile(candidate)) {
        const override = overrideFileFor(candidate);
        return host.isFile(override) ? [candidate, override] : [candidate];
      }
    }
    const parent = dirname(current);
    if (!walkUp || parent === current) return [];
    current = parent;
  }
}

/** True for a file name Compose users give their compose files (for directory scans and editors). */
export function isComposeFileName(name: string): boolean {
  return /^(docker-)?compose([.-][\w.-]*)?\.ya?ml$/i.test(name);
}
