import type { Loc, Node } from '../../source/node.js';
import type { MountedConfig } from '../mounted-config.js';
import { getPath, readStructured } from './structured.js';

/** A setting and where it is written (offsets in the config file). */
export interface Setting<T> {
  value: T;
  loc: Loc;
}

/** What Traefik's static configuration says about its providers (https://doc.traefik.io/traefik/providers/docker/). */
export interface TraefikStaticSettings {
  exposedByDefault?: Setting<boolean>;
  network?: Setting<string>;
  fileFilename?: Setting<string>;
  fileDirectory?: Setting<string>;
}

function setting(config: MountedConfig, node: Node | undefined): Setting<string> | undefined {
  if (node?.kind !== 'scalar' || node.value === null || !node.loc) return undefined;
  return { value: String(node.value), loc: { file: config.file.path, start: config.offsetIn(node.loc.start), end: config.offsetIn(node.loc.end) } };
}

/** Reads a mounted traefik.yml / traefik.toml; an unreadable one says nothing (the file provider's own reading reports it). */
export function traefikStaticSettings(config: MountedConfig): TraefikStaticSettings {
  const read = readStructured(config.path, config.text);
  if (!('tree' in read)) return {};
  const at = (...path: string[]) => setting(config, getPath(read.tree, ['providers', ...path]));
  const exposed = at('docker', 'exposedByDefault');
  return {
    ...(exposed && { exposedByDefault: { value: exposed.value !== 'false', loc: exposed.loc } }),
    ...(at('docker', 'network') && { network: at('docker', 'network') }),
    ...(at('file', 'filename') && { fileFilename: at('file', 'filename') }),
    ...(at('file', 'directory') && { fileDirectory: at('file', 'directory') }),
  };
}
