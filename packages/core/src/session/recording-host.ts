import type { Host } from '../host.js';

/**
 * A host that notes every path asked about, read or merely looked for: what an analysis depends
 * on, so that a front end knows which changes (a `.env` created, an override edited) make it stale.
 */
export function recordingHost(host: Host): { host: Host; paths: Set<string> } {
  const paths = new Set<string>();
  const record = (path: string) => {
    paths.add(path);
    return path;
  };
  return {
    paths,
    host: {
      readFile: (path) => host.readFile(record(path)),
      isFile: (path) => host.isFile(record(path)),
      isDirectory: (path) => host.isDirectory(record(path)),
      listDirectory: (path) => host.listDirectory?.(record(path)),
    },
  };
}
