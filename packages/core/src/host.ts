import { readdirSync, readFileSync, statSync } from 'node:fs';

/**
 * Every file composure reads goes through a Host, so that the language server can
 * serve unsaved editor buffers and tests can serve files from memory.
 */
export interface Host {
  /** The bytes of a file, or undefined when it cannot be read. */
  readFile(path: string): Uint8Array | undefined;
  isFile(path: string): boolean;
  isDirectory(path: string): boolean;
  /**
   * The names of the entries of a directory, sorted, or undefined when it cannot be listed. Optional:
   * a host without it lets composure read only the files it can name (a directory mounted into a
   * service is then not searched for configs).
   */
  listDirectory?(path: string): string[] | undefined;
}

/** Whatever stops a stat (a missing file, a symlink loop, a file used as a directory) means "not there". */
function stat(path: string) {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

export const nodeHost: Host = {
  readFile(path) {
    try {
      return readFileSync(path);
    } catch {
      return undefined;
    }
  },
  isFile: (path) => stat(path)?.isFile() ?? false,
  isDirectory: (path) => stat(path)?.isDirectory() ?? false,
  listDirectory(path) {
    try {
      return readdirSync(path).sort();
    } catch {
      return undefined;
    }
  },
};

/** A host over in-memory files (absolute paths), falling back to another host. */
export function memoryHost(files: Record<string, string>, fallback?: Host): Host {
  const encoder = new TextEncoder();
  const dirs = new Set<string>();
  for (const path of Object.keys(files)) {
    let dir = path;
    while (dir.lastIndexOf('/') > 0) {
      dir = dir.slice(0, dir.lastIndexOf('/'));
      dirs.add(dir);
    }
    dirs.add('/');
  }
  return {
    readFile: (path) => (path in files ? encoder.encode(files[path]) : fallback?.readFile(path)),
    isFile: (path) => path in files || (fallback?.isFile(path) ?? false),
    isDirectory: (path) => dirs.has(path) || (fallback?.isDirectory(path) ?? false),
    listDirectory(path) {
      const prefix = path.endsWith('/') ? path : `${path}/`;
      const names = new Set(fallback?.listDirectory?.(path) ?? []);
      for (const file of Object.keys(files)) if (file.startsWith(prefix)) names.add(file.slice(prefix.length).split('/')[0]);
      return names.size > 0 || dirs.has(path) ? [...names].sort() : undefined;
    },
  };
}
