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

/**
 * A problem with one item; the item is then kept as if its key were unique. The message is
 * made from the item's path only then: building a path for every item would cost more than the check.
 */
export class IndexError extends Error {
  constructor(readonly at: (path: string) => string) {
    super();
  }
}

/** The unique key of one sequence item. */
type Indexer = (item: Node) => string;

const text = (node: Node | undefined): string | undefined => (node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined);
const isInt = (node: Node | undefined): node is Node & { value: number } =>
  node?.kind === 'scalar' && typeof node.value === 'number' && Number.isInteger(node.value);

/** `KEY=VALUE` and `KEY` items: the key. */
const keyValue: Indexer = (item) => {
  const value = text(item);
  if (value === undefined) throw new IndexError((path) => `${path}: unexpected type`);
  return value.split('=', 1)[0];
};

/** Volumes: the target of the long syntax, or of the short syntax as compose-go parses it. */
const volume: Indexer = (item) => {
  if (isMap(item)) {
    const target = text(item.entries.get('target')?.value);
    if (target === undefined) throw new IndexError((path) => `service volume ${path} is missing a mount target`);
    return target;
  }
  const spec = text(item);
  return spec === undefined ? '' : volumeTarget(spec);
};

/** Devices: the target of the long syntax, or the second field of `host:container[:perms]`. */
const device: Indexer = (item) => {
  if (isMap(item)) {
    const target = text(item.entries.get('target')?.value);
    if (target === undefined) throw new IndexError((path) => `service device ${path} is missing a mount target`);
    return target;
  }
  const spec = text(item);
  if (spec === undefined) return '';
  const fields = spec.split(':');
  return fields.length === 1 ? fields[0] : fields[1];
};

const expose: Indexer = (item) => {
  const value = text(item) ?? (isInt(item) ? String(item.value) : undefined);
  if (value === undefined) throw new IndexError((path) => `${path}: unsupported expose value`);
  return value;
};

/** Secrets and configs: the target, by default `<defaultPath>/<source>`. */
const mount =
  (defaultPath: string): Indexer =>
  (item) => {
    const short = text(item);
    if (short !== undefined) return `${defaultPath}/${short}`;
    if (!isMap(item)) throw new IndexError((path) => `${path}: unsupported mount value`);
    const target = item.entries.get('target');
    if (!target) return `${defaultPath}/${goString(item.entries.get('source')?.value)}`;
    const value = text(target.value);
    if (value === undefined) throw new IndexError((path) => `${path}: the mount target must be a string`);
    return value;
  };

/** Ports: the short syntax as written, or `host_ip:published:target/protocol` of the long one. */
const port: Indexer = (item) => {
  if (isInt(item)) return String(item.value);
  const short = text(item);
  if (short !== undefined) return short;
  if (!isMap(item)) return '';
  const field = (name: string) => item.entries.get(name);
  const target = field('target');
  if (!target) throw new IndexError((path) => `service ports ${path} is missing a target port`);
  const host = field('host_ip') ? goString(field('host_ip')!.value) : '0.0.0.0';
  const protocol = field('protocol') ? goString(field('protocol')!.value) : 'tcp';
  const target_ = isInt(target.value) ? String(target.value.value) : `%!d(${goString(target.value)})`;
  return `${host}:${goString(field('published')?.value)}:${target_}/${protocol}`;
};

const envFile: Indexer = (item) => {
  const short = text(item);
  if (short !== undefined) return short;
  if (!isMap(item)) return '';
  const file = item.entries.get('path');
  if (!file) throw new IndexError((path) => `environment path attribute ${path} is missing`);
  const value = text(file.value);
  if (value === undefined) throw new IndexError((path) => `${path}: the path must be a string`);
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
      key = indexer(item);
    } catch (error) {
      if (!(error instanceof IndexError)) throw error;
      fail(options, error.at(pathString([...path, `[${i}]`])), [...path, String(i)], item.loc ?? node.loc);
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
export function volumeTarget(spec: string): string {
  return !spec.includes('$') && !spec.includes('\0') && Buffer.byteLength(spec, 'utf8') > 2 ? volumeTargetWithoutVariables(spec) : volumeTargetByWalk(spec);
}

/** volumeTarget as compose-go walks the spec, character by character (exported for the test that holds the short cut to it). */
export function volumeTargetByWalk(spec: string): string {
  if (spec === '') throw new IndexError(() => 'invalid empty volume spec');
  if (Buffer.byteLength(spec, 'utf8') <= 2) return spec;
  const END = '\0';
  const chars = [...spec];
  let source = '';
  let target = '';
  let buffer: string[] = [];
  let inVariable = 0;
  const take = (char: string) => {
    const field = buffer.join('');
    if (buffer.length === 0) throw new IndexError(() => `invalid spec: ${spec}: empty section between colons`);
    if (source === '' && char === END) target = field;
    else if (source === '') source = field;
    else if (target === '') target = field;
    else if (char === ':') throw new IndexError(() => `invalid spec: ${spec}: too many colons`);
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

/**
 * volumeTarget of a spec with no `${…}`, where its character walk comes down to splitting at
 * colons, a colon right after a field of one letter (a Windows drive) staying in the field:
 * most volumes are written so, and walking them character by character was a tenth of a load.
 */
function volumeTargetWithoutVariables(spec: string): string {
  const parts = spec.split(':');
  const fields: string[] = [];
  let field = parts[0];
  for (let i = 1; i < parts.length; i++) {
    if (isOneLetter(field)) field += `:${parts[i]}`;
    else {
      fields.push(field);
      field = parts[i];
    }
  }
  fields.push(field);
  // The walk's errors, in its order: an empty field, or a third field followed by a colon.
  for (let i = 0; i < fields.length; i++) {
    if (fields[i] === '') throw new IndexError(() => `invalid spec: ${spec}: empty section between colons`);
    if (i === 2 && fields.length > 3) throw new IndexError(() => `invalid spec: ${spec}: too many colons`);
  }
  return fields.length === 1 ? fields[0] : fields[1];
}

const isOneLetter = (text: string) => /^\p{L}$/u.test(text);
