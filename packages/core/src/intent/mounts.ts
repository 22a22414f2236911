import { isAbsolute, posix } from 'node:path';
import { get, isMap, isSeq, str, type MapNode, type Node, type ScalarNode } from '../source/node.js';

/**
 * What a service mounts at a path of its container: a host file or directory (a bind mount, or
 * a `configs:` entry with `file:`), or a text written in the compose file (`configs:` with
 * `content:`). Paths are as the canonical model holds them: bind sources and config files
 * already resolved against the project directory, as Compose resolves them
 * (https://docs.docker.com/reference/compose-file/services/#volumes,
 * https://docs.docker.com/reference/compose-file/configs/).
 */
export type Mount = { target: string; hostPath: string } | { target: string; content: ScalarNode };

/** A container path without a trailing slash or `.` segments. */
const clean = (path: string) => posix.normalize(path).replace(/(.)\/$/, '$1');

/** The service's bind mounts and configs, in the order written. */
export function mountsOf(service: Node, root: MapNode): Mount[] {
  const mounts: Mount[] = [];
  const volumes = get(service, 'volumes');
  if (isSeq(volumes)) {
    for (const volume of volumes.items) {
      const source = str(get(volume, 'source'));
      const target = str(get(volume, 'target'));
      if (str(get(volume, 'type')) === 'bind' && source && target?.startsWith('/') && isAbsolute(source))
        mounts.push({ target: clean(target), hostPath: source });
    }
  }
  const configs = get(service, 'configs');
  if (isSeq(configs)) {
    for (const entry of configs.items) {
      const name = str(isMap(entry) ? get(entry, 'source') : entry);
      if (!name) continue;
      // Compose mounts a config at /<name> unless a target is given (a relative target is under /).
      const target = str(get(entry, 'target')) ?? name;
      const declared = get(get(root, 'configs'), name);
      const file = str(get(declared, 'file'));
      const content = get(declared, 'content');
      const at = clean(posix.resolve('/', target));
      if (file && isAbsolute(file)) mounts.push({ target: at, hostPath: file });
      else if (content?.kind === 'scalar' && typeof content.value === 'string') mounts.push({ target: at, content });
    }
  }
  return mounts;
}
