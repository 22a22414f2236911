import { posix } from 'node:path';
import type { Host } from '../host.js';
import { readText } from '../load/service-env-files.js';
import { get, isMap, str, type Loc, type MapNode, type Node } from '../source/node.js';
import type { SourceFile } from '../source/source-file.js';
import type { Dialect, MountedConfig } from './mounted-config.js';
import { parseImage } from '../topology/images.js';
import { commandFlags } from './command-flags.js';
import { traefikStaticSettings } from './configs/traefik-static.js';
import { mountsOf, type Mount } from './mounts.js';

export type { Dialect, MountedConfig } from './mounted-config.js';

/** Directory mounts are searched this deep and for this many entries at most (a mounted source tree is not a config). */
const MAX_DEPTH = 4;
const MAX_ENTRIES = 200;

/** Where the images' configs live, by dialect (the official images' documented paths). */
const ROOTS = ['/etc/nginx', '/usr/local/etc/haproxy', '/etc/haproxy', '/etc/caddy', '/etc/traefik', '/etc/prometheus'];

const under = (path: string, dir: string) => path === dir || path.startsWith(dir === '/' ? '/' : `${dir}/`);
const isTraefik = (image: string | undefined) => image !== undefined && /(^|\/)traefik[^/]*$/.test(parseImage(image).repository);

/** What decides a service's dialects besides the path: its image and command flags. */
interface ServiceHints {
  traefik: boolean;
  /** An image of Prometheus (`prom/prometheus`, `bitnami/prometheus`): its `--config.file` is a Prometheus configuration. */
  prometheus: boolean;
  /** Traefik's `--configfile`, Prometheus's `--config.file`. */
  configFiles: string[];
  /** Traefik's file provider: files and directories. */
  dynamicFiles: string[];
  dynamicDirectories: string[];
}

function dialectOf(path: string, hints: ServiceHints): Dialect | undefined {
  const base = posix.basename(path);
  if (hints.traefik) {
    if (hints.dynamicFiles.includes(path) || hints.dynamicDirectories.some((dir) => under(path, dir) && /\.(ya?ml|toml)$/.test(base))) return 'traefik-file';
    if ((hints.configFiles.includes(path) || /^\/etc\/traefik\/traefik\.(ya?ml|toml)$/.test(path)) && /\.(ya?ml|toml)$/.test(base)) return 'traefik-static';
    return undefined;
  }
  if (under(path, '/etc/nginx/templates') && base.endsWith('.template')) return 'nginx-template';
  // Debian-style sites: any file name (`sites-enabled/default`).
  if (under(path, '/etc/nginx') && (base.endsWith('.conf') || /^\/etc\/nginx\/sites-enabled\//.test(path))) return 'nginx';
  if (base === 'haproxy.cfg' || (under(path, '/usr/local/etc/haproxy') && base.endsWith('.cfg'))) return 'haproxy';
  if (base === 'Caddyfile') return 'caddyfile';
  if (path === '/etc/prometheus/prometheus.yml' || (hints.prometheus && hints.configFiles.includes(path)))
    return /\.ya?ml$/.test(base) ? 'prometheus' : undefined;
  return undefined;
}

/** Each path a service sees under `roots`, with what is mounted there: the most specific mount wins, as in the container. */
function visible(mounts: Mount[], roots: string[], host: Host): Map<string, Mount> {
  const seen = new Map<string, Mount>();
  let budget = MAX_ENTRIES;
  const walk = (dir: string, target: string, depth: number) => {
    for (const name of host.listDirectory?.(dir) ?? []) {
      if (budget-- <= 0) return;
      const hostPath = `${dir}/${name}`;
      const path = `${target}/${name}`;
      if (host.isFile(hostPath)) seen.set(path, { target: path, hostPath });
      else if (depth < MAX_DEPTH && host.isDirectory(hostPath)) walk(hostPath, path, depth + 1);
    }
  };
  for (const mount of [...mounts].sort((a, b) => a.target.length - b.target.length)) {
    for (const root of roots) {
      // A mount under a root, or a root under a mount (`./etc:/etc`): what of it lies under the root.
      const from = under(mount.target, root) ? mount.target : under(root, mount.target) ? root : undefined;
      if (from === undefined) continue;
      for (const path of [...seen.keys()]) if (under(path, from)) seen.delete(path);
      if ('content' in mount) {
        if (from === mount.target) seen.set(mount.target, mount);
      } else {
        const hostPath = mount.hostPath + from.slice(mount.target.length);
        if (host.isFile(hostPath)) seen.set(from, { target: from, hostPath });
        else if (host.isDirectory(hostPath)) walk(hostPath.replace(/\/$/, ''), from === '/' ? '' : from, 0);
      }
    }
  }
  return seen;
}

/** The offset in the compose file of an offset in a `content:` value: each line found where it is written (block scalars indent it). */
function contentOffsets(file: SourceFile, loc: Loc, value: string): (offset: number) => number {
  const starts: { inValue: number; inFile: number }[] = [];
  let cursor = loc.start;
  let inValue = 0;
  for (const line of value.split('\n')) {
    const at = line === '' ? -1 : file.text.indexOf(line, cursor);
    if (at >= 0 && at + line.length <= loc.end) {
      starts.push({ inValue, inFile: at });
      cursor = at + line.length;
    }
    inValue += line.length + 1;
  }
  return (offset) => {
    const line = starts.findLast((s) => s.inValue <= offset);
    return line ? line.inFile + offset - line.inValue : loc.start;
  };
}

function read(service: string, path: string, dialect: Dialect, mount: Mount, host: Host, files: Map<string, SourceFile>): MountedConfig | undefined {
  if ('content' in mount) {
    const loc = mount.content.loc;
    const file = loc && files.get(loc.file);
    if (!loc || !file) return undefined;
    const text = String(mount.content.value);
    return { service, path, dialect, file, text, offsetIn: contentOffsets(file, loc, text) };
  }
  const file = readText(mount.hostPath, host, files);
  return file && { service, path, dialect, file, text: file.text, offsetIn: (offset) => offset };
}

/** The configs one service sees, sorted by path: Traefik's static config first, since it names the file provider's files. */
function configsOf(name: string, service: Node, root: MapNode, host: Host, files: Map<string, SourceFile>): MountedConfig[] {
  const mounts = mountsOf(service, root);
  if (mounts.length === 0) return [];
  const flags = commandFlags(service);
  const flag = (key: string) => flags.get(key)?.value;
  const image = str(get(service, 'image'));
  const hints: ServiceHints = {
    traefik: isTraefik(image),
    prometheus: image !== undefined && /(^|\/)prometheus$/.test(parseImage(image).repository),
    configFiles: [flag('configfile'), flag('config.file')].flatMap((f) => (f ? [posix.resolve('/', f)] : [])),
    dynamicFiles: [flag('providers.file.filename')].flatMap((f) => (f ? [posix.resolve('/', f)] : [])),
    dynamicDirectories: [flag('providers.file.directory')].flatMap((f) => (f ? [posix.resolve('/', f)] : [])),
  };
  const roots = [...ROOTS, ...hints.configFiles.map((f) => posix.dirname(f))];
  const configs: MountedConfig[] = [];
  const readAll = (seen: Map<string, Mount>, only?: Dialect) => {
    for (const [path, mount] of [...seen].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const dialect = dialectOf(path, hints);
      if (!dialect || (only && dialect !== only) || configs.some((c) => c.path === path)) continue;
      const config = read(name, path, dialect, mount, host, files);
      if (config) configs.push(config);
    }
  };
  readAll(visible(mounts, roots, host));
  if (hints.traefik) {
    for (const config of configs.filter((c) => c.dialect === 'traefik-static')) {
      const settings = traefikStaticSettings(config);
      if (settings.fileFilename) hints.dynamicFiles.push(posix.resolve('/', settings.fileFilename.value));
      if (settings.fileDirectory) hints.dynamicDirectories.push(posix.resolve('/', settings.fileDirectory.value));
    }
    readAll(visible(mounts, [...hints.dynamicDirectories, ...hints.dynamicFiles.map((f) => posix.dirname(f))], host), 'traefik-file');
  }
  return configs;
}

/**
 * The proxy, load balancer and scraper configs the enabled services see, read through the host
 * (so an editor's unsaved buffer is what is read) and kept with the project's files, so that
 * findings in them have positions.
 */
export function readMountedConfigs(root: MapNode, host: Host, files: Map<string, SourceFile>): MountedConfig[] {
  const services = get(root, 'services');
  if (!isMap(services)) return [];
  return [...services.entries].flatMap(([name, pair]) => configsOf(name, pair.value, root, host, files));
}
