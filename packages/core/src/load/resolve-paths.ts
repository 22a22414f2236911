/**
 * Relative paths → absolute paths, as compose-go's `paths.ResolveRelativePaths`
 * does it: build contexts, additional contexts and ssh keys, env_file and
 * label_file, extends.file, develop.watch paths, bind-mount sources, config and
 * secret files, include paths and local bind volumes' devices. `~` expands from
 * HOME in the given environment. Remote references (URLs, git) are left alone.
 *
 * Works on the raw and on the canonical form (extends and include resolve
 * paths before canonicalisation). Scalars are rewritten in place, so they keep
 * their locations.
 */
import { posix } from 'node:path';
import { get, isMap, isScalar, isSeq, str, type MapNode, type Node } from '../source/node.js';
import { cleanPath, parseVolume } from './canonical.js';

export function resolveRelativePaths(root: MapNode, workingDir: string, env: Record<string, string | undefined>): void {
  const r = new Resolver(workingDir, env.HOME);
  for (const section of ['services', 'jobs']) {
    const services = get(root, section);
    if (isMap(services)) for (const { value } of services.entries.values()) if (isMap(value)) r.service(value);
  }
  for (const section of ['configs', 'secrets']) {
    const resources = get(root, section);
    if (isMap(resources)) for (const { value } of resources.entries.values()) r.unixPath(get(value, 'file'));
  }
  const volumes = get(root, 'volumes');
  if (isMap(volumes)) for (const { value } of volumes.entries.values()) r.volumeDevice(value);
  const include = get(root, 'include');
  if (isSeq(include)) for (const item of include.items) r.include(item);
}

/** buildkit's remote contexts: git and HTTP references. */
const isRemoteContext = (value: string) => ['https://', 'http://', 'git://', 'ssh://', 'github.com/', 'git@'].some((p) => value.startsWith(p));

/** Remote extends/include references (git, OCI, HTTP): never rewritten. */
const isRemoteResource = (value: string) => value.includes('://') || isRemoteContext(value);

const isWindowsAbsolute = (value: string) => /^[A-Za-z]:[\\/]/.test(value) || value.startsWith('\\\\');

type Rewrite = (text: string) => string;

class Resolver {
  constructor(
    private readonly workingDir: string,
    private readonly home: string | undefined,
  ) {}

  private expandUser(path: string): string {
    return path.startsWith('~') && this.home !== undefined ? cleanPath(posix.join(this.home, path.slice(1))) : path;
  }

  /** compose-go's absPath. */
  private readonly abs: Rewrite = (path) => {
    const expanded = this.expandUser(path);
    return expanded.startsWith('/') ? expanded : cleanPath(posix.join(this.workingDir, expanded));
  };

  /** compose-go's maybeUnixPath: Windows absolute paths are absolute too. */
  private readonly unix: Rewrite = (path) => {
    const expanded = this.expandUser(path);
    return expanded.startsWith('/') || isWindowsAbsolute(expanded) ? expanded : cleanPath(posix.join(this.workingDir, expanded));
  };

  private readonly context: Rewrite = (path) => (path.includes('://') || path.startsWith('service:') || isRemoteContext(path) ? path : this.abs(path));

  private readonly remoteOrAbs: Rewrite = (path) => (isRemoteResource(path) ? path : this.abs(path));

  /** Rewrites a non-empty string scalar in place. */
  private rewrite(node: Node | undefined, how: Rewrite): void {
    if (isScalar(node) && typeof node.value === 'string' && node.value !== '') node.value = how(node.value);
  }

  /** A path or a list of paths. */
  private rewriteAll(node: Node | undefined, how: Rewrite): void {
    for (const item of isSeq(node) ? node.items : [node]) this.rewrite(item, how);
  }

  /** `key=path` strings: only the path is rewritten. */
  private rewriteAfterEquals(node: Node, how: Rewrite): void {
    if (!isScalar(node) || typeof node.value !== 'string') return;
    const at = node.value.indexOf('=');
    if (at >= 0 && at < node.value.length - 1) node.value = `${node.value.slice(0, at + 1)}${how(node.value.slice(at + 1))}`;
  }

  unixPath(node: Node | undefined): void {
    this.rewrite(node, this.unix);
  }

  service(service: MapNode): void {
    this.build(get(service, 'build'));
    const envFile = get(service, 'env_file');
    for (const item of isSeq(envFile) ? envFile.items : [envFile]) this.rewrite(isMap(item) ? get(item, 'path') : item, this.abs);
    this.rewriteAll(get(service, 'label_file'), this.abs);
    this.rewrite(get(get(service, 'extends'), 'file'), this.remoteOrAbs);
    const watch = get(get(service, 'develop'), 'watch');
    if (isSeq(watch)) for (const rule of watch.items) this.rewrite(get(rule, 'path'), this.abs);
    const volumes = get(service, 'volumes');
    if (isSeq(volumes)) for (const volume of volumes.items) this.volumeMount(volume);
  }

  private build(build: Node | undefined): void {
    if (!isMap(build)) return this.rewrite(build, this.context);
    this.rewrite(get(build, 'context'), this.context);
    const contexts = get(build, 'additional_contexts');
    if (isMap(contexts)) for (const { value } of contexts.entries.values()) this.rewrite(value, this.context);
    if (isSeq(contexts)) for (const item of contexts.items) this.rewriteAfterEquals(item, this.context);
    const ssh = get(build, 'ssh');
    if (isMap(ssh)) for (const { value } of ssh.entries.values()) this.rewrite(value, this.unix);
    if (isSeq(ssh)) for (const item of ssh.items) this.rewriteAfterEquals(item, this.unix);
  }

  /** Bind mounts: the long form's source, or the short form's first section. */
  private volumeMount(volume: Node): void {
    if (isMap(volume)) {
      if (str(get(volume, 'type')) === 'bind') this.rewrite(get(volume, 'source'), this.unix);
      return;
    }
    if (!isScalar(volume) || typeof volume.value !== 'string') return;
    const parsed = parseVolume(volume.value);
    if (typeof parsed === 'string' || parsed.type !== 'bind' || !parsed.source) return;
    const written = volume.value.startsWith('./:') ? './' : parsed.source;
    if (volume.value.startsWith(written)) volume.value = `${this.unix(written)}${volume.value.slice(written.length)}`;
  }

  /** Top-level volumes with the local driver and `o: bind`: the device is a host path. */
  volumeDevice(volume: Node): void {
    if (str(get(volume, 'driver')) !== 'local') return;
    const options = get(volume, 'driver_opts');
    if (str(get(options, 'o')) === 'bind') this.rewrite(get(options, 'device'), this.unix);
  }

  include(item: Node): void {
    if (!isMap(item)) return this.rewrite(item, this.remoteOrAbs);
    this.rewriteAll(get(item, 'path'), this.remoteOrAbs);
    this.rewrite(get(item, 'project_directory'), this.abs);
    this.rewriteAll(get(item, 'env_file'), this.abs);
  }
}
