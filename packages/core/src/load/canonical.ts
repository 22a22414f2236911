/**
 * Short syntax → long syntax, on the located tree, as compose-go's
 * `transform.Canonical` does it, plus `transform.SetDefaultValues`.
 *
 * Every node a transform creates carries the location of the source node it
 * was derived from: the long-form port mapping made from `"8080:80"` (the
 * mapping, its keys and its values) is located at that string. Defaults
 * filled in with no source (`setDefaultValues`) carry no location.
 *
 * Beyond compose-go's Canonical, a few conversions that compose-go performs
 * while decoding into its Go types are done here too, so that later stages see
 * one shape: `KEY=VALUE` lists become mappings (environment, labels,
 * annotations, sysctls, build args/labels, deploy labels, resource labels),
 * `extra_hosts` lists become `host: ip` mappings, `dns_search`/`tmpfs` strings
 * become lists and a string `healthcheck.test` becomes `[CMD-SHELL, …]`.
 *
 * Values that still hold a variable (`${…}`) are left alone.
 */
import { parsePortMapping } from '../schema/port-syntax.js';
import { PathTable, type PathCursor } from './path-table.js';
import { posix } from 'node:path';
import type { Diagnostic } from '../source/diagnostic.js';
import { fromJS, isMap, isScalar, isSeq, map, pair, scalar, seq, type Loc, type MapNode, type Node, type ScalarNode, type SeqNode } from '../source/node.js';

/** Where a transform runs: the path of keys (list items as their index) and how to report. */
interface Site {
  readonly path: readonly string[];
  report(at: Node, message: string): void;
}

/** Returns the replacement node, or undefined to keep the node (possibly mutated in place). */
type Transform = (node: Node, site: Site) => Node | undefined;

/** Rewrites short syntax to long syntax in place; returns errors for short syntax that cannot be parsed. */
export function canonicalize(root: MapNode): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  walk(root, [], CANONICAL_RULES.start(), diagnostics);
  return diagnostics;
}

/** Fills in the defaults compose-go's `SetDefaultValues` adds to the canonical form (synthesised: no locations). */
export function setDefaultValues(root: MapNode): void {
  walk(root, [], DEFAULT_RULES.start(), []);
}

// ---------------------------------------------------------------------------
// The walk: the first rule whose pattern matches the path applies, then the
// walk goes on into the (possibly replaced) node's children, where a pattern goes on.

const rules = (table: [string, Transform][]) => new PathTable(table);

function walk(node: Node, path: string[], at: PathCursor<Transform>, diagnostics: Diagnostic[]): Node {
  let current = node;
  const apply = at.value;
  if (apply) {
    const site: Site = {
      path,
      report: (on, message) =>
        diagnostics.push({ ruleId: 'compose-schema', severity: 'error', message: `${displayPath(path)}: ${message}`, loc: on.loc ?? node.loc ?? NOWHERE }),
    };
    current = apply(node, site) ?? node;
  }
  if (!at.goesOn) return current;
  if (current.kind === 'map') {
    for (const [name, p] of current.entries) {
      const below = at.child(name);
      if (below) p.value = walk(p.value, [...path, name], below, diagnostics);
    }
  } else if (current.kind === 'seq') {
    current.items = current.items.map((item, i) => {
      const below = at.child(String(i));
      return below ? walk(item, [...path, String(i)], below, diagnostics) : item;
    });
  }
  return current;
}

const NOWHERE: Loc = { file: '', start: 0, end: 0 };

function displayPath(path: readonly string[]): string {
  return path.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

// ---------------------------------------------------------------------------
// Small helpers.

/** A string scalar's text, unless it still holds a variable. */
function plainString(node: Node | undefined): string | undefined {
  return isScalar(node) && typeof node.value === 'string' && !holdsVariable(node.value) ? node.value : undefined;
}

export const holdsVariable = (text: string) => text.includes('${');

/** The texts of a list of plain strings; undefined when an item is anything else or holds a variable. */
function plainStrings(node: Node): string[] | undefined {
  if (!isSeq(node)) return undefined;
  const texts = node.items.map(plainString);
  return texts.every((text) => text !== undefined) ? (texts as string[]) : undefined;
}

/** A plain scalar (not null) as text, the way Go's fmt.Sprint prints it. */
function scalarText(node: Node): string | undefined {
  return isScalar(node) && node.value !== null ? String(node.value) : undefined;
}

function cut(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)];
}

/** A mapping built from entries whose keys and values are all located at `loc`. */
function locatedMap(entries: [string, Node][], loc: Loc | undefined): MapNode {
  return map(
    entries.map(([key, value]) => pair(scalar(key, loc), value)),
    loc,
  );
}

/** Adds `key: value` (synthesised, no location) when the mapping lacks the key. */
function setDefault(node: MapNode, key: string, value: unknown): void {
  if (!node.entries.has(key)) node.entries.set(key, pair(key, fromJS(value)));
}

/** Go's path.Clean. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  const normalized = posix.normalize(path);
  return normalized.length > 1 && normalized.endsWith('/') ? normalized.slice(0, -1) : normalized;
}

// ---------------------------------------------------------------------------
// Transforms, one per key.

/** `string` → `[string]`. */
const stringToList: Transform = (node) => (isScalar(node) && typeof node.value === 'string' ? seq([node], node.loc) : undefined);

/** A list of names → a mapping of names to null (service networks, models). */
const namesToMap: Transform = (node) => {
  const names = plainStrings(node);
  if (!names || !isSeq(node)) return undefined;
  return map(
    node.items.map((item, i) => pair(scalar(names[i], item.loc), scalar(null, item.loc))),
    node.loc,
  );
};

/** `secret` → `{source: secret}` (secrets, configs, build secrets). */
const fileMount: Transform = (node) => (isScalar(node) && typeof node.value === 'string' ? locatedMap([['source', node]], node.loc) : undefined);

const build: Transform = (node) => (isScalar(node) && typeof node.value === 'string' ? locatedMap([['context', node]], node.loc) : undefined);

const extendsService: Transform = (node) => (isScalar(node) && typeof node.value === 'string' ? locatedMap([['service', node]], node.loc) : undefined);

const include: Transform = (node) => (isScalar(node) && typeof node.value === 'string' ? locatedMap([['path', node]], node.loc) : undefined);

/** `gpus: all` → `[{count: all}]`. */
const gpus: Transform = (node) =>
  isScalar(node) && typeof node.value === 'string' ? seq([locatedMap([['count', scalar('all', node.loc)]], node.loc)], node.loc) : undefined;

/** Non-string scalars become strings (build provenance, sbom). */
const stringOrX: Transform = (node) =>
  isScalar(node) && node.value !== null && typeof node.value !== 'string' ? scalar(String(node.value), node.loc, node.tag) : undefined;

const healthcheckTest: Transform = (node) =>
  isScalar(node) && typeof node.value === 'string' ? seq([scalar('CMD-SHELL', node.loc), node], node.loc) : undefined;

/** `env_file: x` → `[{path: x, required: true}]`. */
const envFile: Transform = (node) => {
  const entry = (item: Node): Node => {
    if (isScalar(item) && typeof item.value === 'string')
      return locatedMap(
        [
          ['path', item],
          ['required', scalar(true, item.loc)],
        ],
        item.loc,
      );
    if (isMap(item)) setDefault(item, 'required', true);
    return item;
  };
  if (isScalar(node) && typeof node.value === 'string') return seq([entry(node)], node.loc);
  if (isSeq(node)) node.items = node.items.map(entry);
  return undefined;
};

/** A list of services → `{service: {condition: service_started, required: true}}`; map entries get those defaults. */
const dependsOn: Transform = (node) => {
  if (isMap(node)) {
    for (const { value } of node.entries.values()) {
      if (!isMap(value)) continue;
      setDefault(value, 'condition', 'service_started');
      setDefault(value, 'required', true);
    }
    return undefined;
  }
  const names = plainStrings(node);
  if (!names || !isSeq(node)) return undefined;
  return map(
    node.items.map((item, i) =>
      pair(
        scalar(names[i], item.loc),
        locatedMap(
          [
            ['condition', scalar('service_started', item.loc)],
            ['required', scalar(true, item.loc)],
          ],
          item.loc,
        ),
      ),
    ),
    node.loc,
  );
};

/** `name=value` list → mapping; every item must have a value (build additional_contexts). */
const keyValue: Transform = (node, site) => {
  const texts = plainStrings(node);
  if (!texts || !isSeq(node)) return undefined;
  const result = map(undefined, node.loc, node.tag);
  for (const [i, item] of node.items.entries()) {
    const [key, value] = cut(texts[i], '=');
    if (value === undefined) return void site.report(item, `invalid value "${texts[i]}", expected key=value.`);
    result.entries.set(key, pair(scalar(key, item.loc), scalar(value, item.loc)));
  }
  return result;
};

/** Build ssh: `default` → `{default: null}`, `id=path` → `{id: path}`. */
const ssh: Transform = (node, site) => {
  const texts = plainStrings(node);
  if (!texts || !isSeq(node)) return undefined;
  const result = map(undefined, node.loc, node.tag);
  for (const [i, item] of node.items.entries()) {
    const [id, path] = cut(texts[i], '=');
    if (path === undefined && id !== 'default') return void site.report(item, `invalid ssh key "${texts[i]}" (use "default" or "id=path").`);
    result.entries.set(id, pair(scalar(id, item.loc), scalar(path ?? null, item.loc)));
  }
  return result;
};

export type MappingKind = 'env' | 'labels';

/**
 * A `KEY=VALUE` list as a mapping, located item by item. A bare `KEY` maps to
 * null for environment-like mappings (set from the environment later) and to
 * "" for labels. Undefined when an item is not a plain value or its key holds a variable.
 */
export function listToMapping(list: SeqNode, kind: MappingKind): MapNode | undefined {
  const entries: [ScalarNode, Node][] = [];
  for (const item of list.items) {
    const text = scalarText(item);
    if (text === undefined) return undefined;
    const [key, value] = cut(text, '=');
    if (holdsVariable(key)) return undefined;
    // An item merged from mapping form knows where its key and value were written.
    const parts = isScalar(item) ? item.parts : undefined;
    entries.push([scalar(key, parts?.key ?? item.loc), scalar(value ?? (kind === 'env' ? null : ''), parts?.value ?? item.loc)]);
  }
  const result = map(undefined, list.loc, list.tag);
  for (const [key, value] of entries) result.entries.set(key.value as string, pair(key, value));
  return result;
}

/**
 * A `KEY=VALUE` list → mapping. In a label-like mapping (labels, annotations,
 * sysctls) a key without a value is the empty string, in mapping form as in list
 * form: compose-go's Labels and Mapping types decode null as "". Environment-like
 * mappings keep null (the value comes from the environment later).
 */
const mapping =
  (kind: MappingKind): Transform =>
  (node) => {
    if (isSeq(node)) return listToMapping(node, kind);
    if (kind === 'labels' && isMap(node)) {
      for (const entry of node.entries.values()) {
        if (isScalar(entry.value) && entry.value.value === null) entry.value = scalar('', entry.value.loc);
      }
    }
    return undefined;
  };

/** `extra_hosts: ["host:ip", "host=ip"]` → `{host: ip}` (several addresses: a list). */
const extraHosts: Transform = (node, site) => {
  const texts = plainStrings(node);
  if (!texts || !isSeq(node)) return undefined;
  const hosts = new Map<string, { key: ScalarNode; ips: ScalarNode[] }>();
  for (const [i, item] of node.items.entries()) {
    const text = texts[i];
    const separator = text.includes('=') ? '=' : ':';
    const [host, ip] = cut(text, separator);
    if (ip === undefined) return void site.report(item, `invalid additional host "${text}", missing IP.`);
    if (host === '' || /[:=]/.test(host)) return void site.report(item, `bad host name "${host}".`);
    const entry = hosts.get(host) ?? { key: scalar(host, item.loc), ips: [] };
    for (const address of ip.split(',')) entry.ips.push(scalar(/^\[.+\]$/.test(address) ? address.slice(1, -1) : address, item.loc));
    hosts.set(host, entry);
  }
  const result = map(undefined, node.loc, node.tag);
  for (const [host, { key, ips }] of hosts) {
    result.entries.set(host, pair(key, ips.length === 1 ? ips[0] : seq(ips, key.loc)));
  }
  return result;
};

/** `external: {name: x}` → `name: x, external: true` (top-level volumes, networks, secrets, configs). */
const maybeExternal: Transform = (node, site) => {
  if (!isMap(node)) return undefined;
  const external = node.entries.get('external');
  if (!external || !isMap(external.value)) return undefined;
  const externalName = external.value.entries.get('name');
  external.value = scalar(true, external.value.loc);
  if (!externalName) return undefined;
  const name = node.entries.get('name');
  if (!name) node.entries.set('name', externalName);
  else if (scalarText(name.value) !== scalarText(externalName.value)) site.report(externalName.value, 'name and external.name conflict; only use name.');
  return undefined;
};

/** `source:target:mode` device → `{source, target, permissions}`. */
const deviceMapping: Transform = (node, site) => {
  const text = plainString(node);
  if (text === undefined) return undefined;
  const parts = text.split(':');
  if (parts.length > 3) return void site.report(node, `confusing device mapping "${text}", please use long syntax.`);
  const [source, target = '', permissions = 'rwm'] = parts;
  return fromJS({ source, target: target || source, permissions }, node.loc);
};

const ports: Transform = (node) => {
  if (!isSeq(node)) return undefined;
  node.items = node.items.flatMap((item) => {
    if (isScalar(item) && typeof item.value === 'number' && Number.isInteger(item.value)) {
      return [locatedMap([['target', item]], item.loc)];
    }
    const text = plainString(item);
    if (text === undefined) return [item];
    const parsed = parsePort(text);
    // An invalid spec stays as written; the schema's prose checks report it, once.
    if (typeof parsed === 'string') return [item];
    return parsed.map((port) => fromJS(port, item.loc));
  });
  return undefined;
};

const volumeMount: Transform = (node, site) => {
  const text = plainString(node);
  if (text === undefined) return undefined;
  const parsed = parseVolume(text);
  if (typeof parsed === 'string') return void site.report(node, `invalid volume "${text}": ${parsed}.`);
  return fromJS(parsed, node.loc);
};

/** depends_on in canonical form (for stages that meet it before canonicalisation). */
export const canonicalDependsOn = (node: Node): Node => dependsOn(node, { path: [], report: () => {} }) ?? node;

// ---------------------------------------------------------------------------
// The tables.

/** Attributes of anything that declares a container: services, jobs and pre_start init containers. */
const CONTAINER_SPEC: [string, Transform][] = [
  ['env_file', envFile],
  ['label_file', stringToList],
  ['gpus', gpus],
  ['networks', namesToMap],
  ['models', namesToMap],
  ['volumes.*', volumeMount],
  ['dns', stringToList],
  ['devices.*', deviceMapping],
  ['secrets.*', fileMount],
  ['configs.*', fileMount],
  // Conversions compose-go makes when decoding into its types.
  ['environment', mapping('env')],
  ['labels', mapping('labels')],
  ['annotations', mapping('labels')],
  ['sysctls', mapping('labels')],
  ['extra_hosts', extraHosts],
  ['dns_search', stringToList],
  ['tmpfs', stringToList],
];

/** Attributes of services and jobs only. */
const WORKLOAD: [string, Transform][] = [
  ['build', build],
  ['build.secrets.*', fileMount],
  ['build.provenance', stringOrX],
  ['build.sbom', stringOrX],
  ['build.additional_contexts', keyValue],
  ['build.ssh', ssh],
  ['depends_on', dependsOn],
  ['extends', extendsService],
  ['ports', ports],
  ['develop.watch.*.ignore', stringToList],
  ['develop.watch.*.include', stringToList],
  // Conversions compose-go makes when decoding into its types.
  ['build.args', mapping('env')],
  ['build.labels', mapping('labels')],
  ['build.extra_hosts', extraHosts],
  ['deploy.labels', mapping('labels')],
  ['healthcheck.test', healthcheckTest],
];

const RESOURCES = ['volumes', 'networks', 'secrets', 'configs'];

const CANONICAL_RULES = rules([
  ...['services.*', 'jobs.*', 'services.*.pre_start.*'].flatMap((prefix) => CONTAINER_SPEC.map(([p, t]): [string, Transform] => [`${prefix}.${p}`, t])),
  ...['services.*', 'jobs.*'].flatMap((prefix) => WORKLOAD.map(([p, t]): [string, Transform] => [`${prefix}.${p}`, t])),
  ...RESOURCES.map((r): [string, Transform] => [`${r}.*`, maybeExternal]),
  ...RESOURCES.map((r): [string, Transform] => [`${r}.*.labels`, mapping('labels')]),
  ['include.*', include],
]);

const whenMap =
  (fill: (node: MapNode) => void): Transform =>
  (node) => {
    if (isMap(node)) fill(node);
    return undefined;
  };

const deviceRequestDefaults = whenMap((node) => {
  if (!node.entries.has('count') && !node.entries.has('device_ids')) setDefault(node, 'count', 'all');
});

const DEFAULT_RULES = rules([
  ['services.*.build', whenMap((node) => setDefault(node, 'context', '.'))],
  [
    'services.*.secrets.*',
    whenMap((node) => {
      const source = scalarText(node.entries.get('source')?.value ?? scalar(null));
      if (source !== undefined) setDefault(node, 'target', `/run/secrets/${source}`);
    }),
  ],
  [
    'services.*.ports.*',
    whenMap((node) => {
      setDefault(node, 'protocol', 'tcp');
      setDefault(node, 'mode', 'ingress');
    }),
  ],
  ['services.*.deploy.resources.reservations.devices.*', deviceRequestDefaults],
  ['services.*.gpus.*', deviceRequestDefaults],
  ['services.*.volumes.*.bind', whenMap((node) => setDefault(node, 'create_host_path', true))],
]);

// ---------------------------------------------------------------------------
// Port short syntax: `[[ip:]published:]target[/protocol]`, with ranges
// (Docker's nat.ParsePortSpec, as compose-go's ParsePortConfig uses it).

interface PortConfig {
  mode: 'ingress';
  host_ip?: string;
  target: number;
  published?: string;
  protocol: string;
}

/** The long-form ports of a short spec (parsed by the one port parser, schema/port-syntax), or why it is invalid. */
export function parsePort(spec: string): PortConfig[] | string {
  const parsed = parsePortMapping(spec);
  if (!parsed.ok) return parsed.reason;
  const { hostIp, published, target, protocol } = parsed.value;
  const byKey = new Map<string, PortConfig>();
  for (let i = 0; i <= target.end - target.start; i++) {
    const port: PortConfig = { mode: 'ingress', target: target.start + i, protocol };
    if (hostIp !== undefined) port.host_ip = hostIp;
    if (published) {
      // One container port with a host range: Docker picks a free host port from the range.
      port.published = target.start === target.end && published.start !== published.end ? `${published.start}-${published.end}` : String(published.start + i);
    }
    byKey.set(`${target.start + i}/${protocol}`, port);
  }
  // compose-go sorts the container ports as strings ("10/tcp" before "9/tcp").
  return [...byKey.keys()].sort().map((key) => byKey.get(key)!);
}

// ---------------------------------------------------------------------------
// Volume short syntax: `[source:]target[:options]` (compose-go's format.ParseVolume).

interface VolumeConfig {
  type: 'bind' | 'volume';
  source?: string;
  target?: string;
  read_only?: true;
  bind?: { propagation?: string; create_host_path?: true; selinux?: string };
  volume?: { nocopy?: true };
}

const PROPAGATIONS = new Set(['rprivate', 'private', 'rshared', 'shared', 'rslave', 'slave']);

/** The long form of a short volume spec, or why it is invalid. */
export function parseVolume(spec: string): VolumeConfig | string {
  if (spec === '') return 'invalid empty volume spec';
  if (Buffer.byteLength(spec) <= 2) return { type: 'volume', target: cleanTarget(spec) };

  let source = '';
  let target = '';
  let readOnly = false;
  let bind: VolumeConfig['bind'];
  let volume: VolumeConfig['volume'];
  const END = '';
  let buffer: string[] = [];
  for (const char of [...spec, END]) {
    if (char === ':' && buffer.length === 1 && /\p{L}/u.test(buffer[0])) {
      buffer.push(char); // a Windows drive letter
      continue;
    }
    if (char !== ':' && char !== END) {
      buffer.push(char);
      continue;
    }
    const section = buffer.join('');
    buffer = [];
    if (section === '') return `invalid spec: ${spec}: empty section between colons`;
    if (source === '' && char === END) target = section;
    else if (source === '') source = section;
    else if (target === '') target = section;
    else if (char === ':') return `invalid spec: ${spec}: too many colons`;
    else {
      for (const option of section.split(',')) {
        if (option === 'ro') readOnly = true;
        else if (option === 'rw') readOnly = false;
        else if (option === 'nocopy') volume = { nocopy: true };
        else if (PROPAGATIONS.has(option)) bind = { ...bind, propagation: option };
        else if (option === 'z' || option === 'Z') bind = { ...bind, selinux: option };
        // other options are ignored, as compose-go does
      }
    }
  }

  const isBind = isFilePath(source);
  const result: VolumeConfig = { type: isBind ? 'bind' : 'volume' };
  if (source !== '') result.source = source === './' ? '.' : source;
  if (target !== '') result.target = cleanTarget(target);
  if (readOnly) result.read_only = true;
  if (isBind || bind) result.bind = isBind ? { ...bind, create_host_path: true } : bind;
  if (!isBind || volume) result.volume = volume ?? {};
  return result;
}

const cleanTarget = (target: string) => (target === '' ? '' : cleanPath(target));

function isFilePath(source: string): boolean {
  if (source === '') return false;
  if ('./~'.includes(source[0])) return true;
  if (source.startsWith('\\\\')) return true; // Windows named pipe
  return /^\p{L}:/u.test(source); // Windows drive
}
