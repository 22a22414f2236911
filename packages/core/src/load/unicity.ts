/**
 * compose-go's `override.EnforceUnicity`, on the located tree: in the sequences
 * listed below, a later item with the same unique key as an earlier one replaces
 * it in the earlier one's position (so ports, volumes, environment variables…
 * redefined by an override file are not duplicated). The kept item is the later
 * node, with its location.
 */
import { isMap, isSeq, toJS, type MapNode, type Node } from '../source/node.js';
import { fail, pathString, type MergeOptions, type Path } from './merge.js';
import { PathTable, type PathCursor } from './path-table.js';

/** A problem with one item; the item is then kept as if its key were unique. */
class IndexError extends Error {}

/** The unique key of one sequence item. */
type Indexer = (item: Node, path: Path) => string;

const text = (node: Node | undefined): string | undefined => (node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined);
const isInt = (node: Node | undefined): node is Node & { value: number } =>
  node?.kind === 'scalar' && typeof node.value === 'number' && Number.isInteger(node.value);

/** `KEY=VALUE` and `KEY` items: the key. */
const keyValue: Indexer = (item, path) => {
  const value = text(item);
  if (value === undefined) throw new IndexError(`${pathString(path)}: unexpected type`);
  return value.split('=', 1)[0];
};

/** Volumes: the target of the long syntax, or of the short syntax as compose-go parses it. */
const volume: Indexer = (item, path) => {
  if (isMap(item)) {
    const target = text(item.entries.get('target')?.value);
    if (target === undefined) throw new IndexError(`service volume ${pathString(path)} is missing a mount target`);
    return target;
  }
  const spec = text(item);
  return spec === undefined ? '' : volumeTarget(spec);
};

/** Devices: the target of the long syntax, or the second field of `host:container[:perms]`. */
const device: Indexer = (item, path) => {
  if (isMap(item)) {
    const target = text(item.entries.get('target')?.value);
    if (target === undefined) throw new IndexError(`service device ${pathString(path)} is missing a mount target`);
    return target;
  }
  const spec = text(item);
  if (spec === undefined) return '';
  const fields = spec.split(':');
  return fields.length === 1 ? fields[0] : fields[1];
};

const expose: Indexer = (item, path) => {
  const value = text(item) ?? (isInt(item) ? String(item.value) : undefined);
  if (value === undefined) throw new IndexError(`${pathString(path)}: unsupported expose value`);
  return value;
};

/** Secrets and configs: the target, by default `<defaultPath>/<source>`. */
const mount =
  (defaultPath: string): Indexer =>
  (item, path) => {
    const short = text(item);
    if (short !== undefined) return `${defaultPath}/${short}`;
    if (!isMap(item)) throw new IndexError(`${pathString(path)}: unsupported mount value`);
    const target = item.entries.get('target');
    if (!target) return `${defaultPath}/${goString(item.entries.get('source')?.value)}`;
    const value = text(target.value);
    if (value === undefined) throw new IndexError(`${pathString(path)}: the mount target must be a string`);
    return value;
  };

/** Ports: the short syntax as written, or `host_ip:published:target/protocol` of the long one. */
const port: Indexer = (item, path) => {
  if (isInt(item)) return String(item.value);
  const short = text(item);
  if (short !== undefined) return short;
  if (!isMap(item)) return '';
  const field = (name: string) => item.entries.get(name);
  const target = field('target');
  if (!target) throw new IndexError(`service ports ${pathString(path)} is missing a target port`);
  const host = field('host_ip') ? goString(field('host_ip')!.value) : '0.0.0.0';
  const protocol = field('protocol') ? goString(field('protocol')!.value) : 'tcp';
  const target_ = isInt(target.value) ? String(target.value.value) : `%!d(${goString(target.value)})`;
  return `${host}:${goString(field('published')?.value)}:${target_}/${protocol}`;
};

const envFile: Indexer = (item, path) => {
  const short = text(item);
  if (short !== undefined) return short;
  if (!isMap(item)) return '';
  const file = item.entries.get('path');
  if (!file) throw new IndexError(`environment path attribute ${pathString(path)} is missing`);
  const value = text(file.value);
  if (value === undefined) throw new IndexError(`${pathString(path)}: the path must be a string`);
  return value;
};

/** compose-go's unique keys, by path (compose-go registers `services.*.devices` twice; the device indexer wins). */
const UNIQUE: readonly (readonly [string, Indexer])[] = [
  ['networks.*.labels', keyValue],
  ['networks.*.ipam.options', keyValue],
  ['services.*.annotations', keyValue],
  ['services.*.build.args', keyValue],
  ['services.*.build.additional_contexts', keyValue],
  ['services.*.build.platform', keyValue],
  ['services.*.build.tags', keyValue],
  ['services.*.build.labels', keyValue],
  ['services.*.cap_add', keyValue],
  ['services.*.cap_drop', keyValue],
  ['services.*.configs', mount('')],
  ['services.*.deploy.labels', keyValue],
  ['services.*.devices', device],
  ['services.*.dns', keyValue],
  ['services.*.dns_opt', keyValue],
  ['services.*.dns_search', keyValue],
  ['services.*.environment', keyValue],
  ['services.*.env_file', envFile],
  ['services.*.expose', expose],
  ['services.*.labels', keyValue],
  ['services.*.links', keyValue],
  ['services.*.networks.*.aliases', keyValue],
  ['services.*.networks.*.link_local_ips', keyValue],
  ['services.*.ports', port],
  ['services.*.profiles', keyValue],
  ['services.*.secrets', mount('/run/secrets')],
  ['services.*.sysctls', keyValue],
  ['services.*.tmpfs', keyValue],
  ['services.*.volumes', volume],
];
const UNIQUE_AT = new PathTable(UNIQUE);

/**
 * Removes redefinitions from the sequences compose-go keeps unique. Mutates and
 * returns `root`. An item whose key cannot be computed (compose-go fails the load
 * there) raises a {@link MergeError}, or with `onError` is reported and kept.
 */
export function enforceUnicity(root: MapNode, options: MergeOptions = {}): MapNode {
  visit(root, [], UNIQUE_AT.start(), options);
  return root;
}

function visit(node: Node, path: Path, at: PathCursor<Indexer>, options: MergeOptions): void {
  if (isMap(node)) {
    for (const [name, entry] of node.entries) {
      const below = at.child(name);
      if (below) visit(entry.value, [...path, name], below, options);
    }
    return;
  }
  if (!isSeq(node)) return;
  const indexer = at.value;
  if (!indexer) return;
  const items: Node[] = [];
  const seen = new Map<string, number>();
  node.items.forEach((item, i) => {
    let key: string | undefined;
    try {
      key = indexer(item, [...path, `[${i}]`]);
    } catch (error) {
      if (!(error instanceof IndexError)) throw error;
      fail(options, error.message, [...path, String(i)], item.loc ?? node.loc);
    }
    const at = key === undefined ? undefined : seen.get(key);
    if (at !== undefined) items[at] = item;
    else {
      if (key !== undefined) seen.set(key, items.length);
      items.push(item);
    }
  });
  node.items = items;
}

/**
 * A scalar as Go's `%s` prints a decoded YAML value: strings as they are, anything
 * else marked with its type, so that (as in compose-go) `8080` and `"8080"` differ.
 */
function goString(node: Node | undefined): string {
  if (!node || (node.kind === 'scalar' && node.value === null)) return '%!s(<nil>)';
  if (node.kind !== 'scalar') return `%!s(${JSON.stringify(toJS(node))})`;
  const value = node.value;
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return `%!s(bool=${value})`;
  return Number.isInteger(value) ? `%!s(int=${value})` : `%!s(float64=${value})`;
}

/** The target of a short volume spec (`[source:]target[:options]`), parsed as compose-go's format.ParseVolume. */
function volumeTarget(spec: string): string {
  if (spec === '') throw new IndexError('invalid empty volume spec');
  if (Buffer.byteLength(spec, 'utf8') <= 2) return spec;
  const END = '\0';
  const chars = [...spec];
  let source = '';
  let target = '';
  let buffer: string[] = [];
  let inVariable = 0;
  const take = (char: string) => {
    const field = buffer.join('');
    if (buffer.length === 0) throw new IndexError(`invalid spec: ${spec}: empty section between colons`);
    if (source === '' && char === END) target = field;
    else if (source === '') source = field;
    else if (target === '') target = field;
    else if (char === ':') throw new IndexError(`invalid spec: ${spec}: too many colons`);
    // Anything after the target is options, which do not change it.
  };
  for (const [i, char] of [...chars, END].entries()) {
    if (char === '$' && chars[i + 1] === '{') {
      inVariable++;
      buffer.push(char);
    } else if (char === '}' && inVariable > 0) {
      inVariable--;
      buffer.push(char);
    } else if (char === ':' && buffer.length === 1 && /^\p{L}$/u.test(buffer[0])) {
      buffer.push(char); // a Windows drive letter
    } else if ((char === ':' || char === END) && inVariable === 0) {
      take(char);
      buffer = [];
    } else {
      buffer.push(char);
    }
  }
  return target;
}
