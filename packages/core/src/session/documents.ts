import { sep } from 'node:path';
import type { Host } from '../host.js';

/**
 * Unsaved texts by absolute path (an editor's open buffers, the text ESLint lints), which win over
 * the disk. A Map fits; so does a live view over a front end's own documents, read at each access.
 * Bytes are served as they are (a front end that holds a file's undecodable bytes passes those).
 */
export interface Documents {
  get(path: string): string | Uint8Array | undefined;
  has(path: string): boolean;
  keys(): Iterable<string>;
}

/** The documents over a host: a document is a file, and the directories holding it exist, whatever the disk says. */
export function documentsHost(documents: Documents, host: Host): Host {
  const encoder = new TextEncoder();
  const holdsDocument = (dir: string) => {
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    for (const path of documents.keys()) if (path.startsWith(prefix)) return true;
    return false;
  };
  return {
    readFile(path) {
      const document = documents.get(path);
      if (document === undefined) return host.readFile(path);
      return typeof document === 'string' ? encoder.encode(document) : document;
    },
    isFile: (path) => documents.has(path) || host.isFile(path),
    isDirectory: (path) => host.isDirectory(path) || holdsDocument(path),
    listDirectory(path) {
      const prefix = path.endsWith(sep) ? path : path + sep;
      const names = new Set(host.listDirectory?.(path) ?? []);
      for (const document of documents.keys()) if (document.startsWith(prefix)) names.add(document.slice(prefix.length).split(sep)[0]);
      return names.size > 0 || host.isDirectory(path) ? [...names].sort() : undefined;
    },
  };
}
