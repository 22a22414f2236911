/**
 * Where every name of a project lives, as written: the services, networks, volumes, configs and
 * secrets each compose file declares, and every place that names one — `depends_on`, `links`,
 * `volumes_from`, `extends`, `network_mode`/`ipc`/`pid: service:`, a service's networks,
 * volumes, configs and secrets, hosts in environment values (`http://gateway:8000`), and the
 * selectors of `.composure.yaml` / `x-composure` policies and exclusions, hosts in labels and in
 * the proxy configs mounted into services. Anchors, aliases and
 * merge keys are followed: a name written once inside an anchored block is one occurrence, at
 * the anchor, whichever services merge it. What definition, references, rename, highlights,
 * hover, code lens and completion work from. Protocol-free: offsets into the files' texts.
 */
import { basename, dirname, resolve } from 'node:path';
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Pair as YamlPair, type Scalar } from 'yaml';
import { CONFIG_FILE_NAMES, followAlias, intentReferences, isMergeKey, topologyOf, type Analysis } from '@composure/core';

export type NameKind = 'service' | 'network' | 'volume' | 'config' | 'secret';

/** The scope of names a whole project shares; an `extends` target file's services are that file's own (its path). */
export const PROJECT_SCOPE = '';

export interface Occurrence {
  kind: NameKind;
  name: string;
  /** Whose names: PROJECT_SCOPE, or the path of an `extends` target file. */
  scope: string;
  path: string;
  /** Offsets of the name itself (inside quotes, before a `:alias` or `:ro`, the host of a URL). */
  start: number;
  end: number;
  /** A key that declares the name. */
  definition: boolean;
}

export interface NameIndex {
  occurrences: Occurrence[];
  /** Occurrences of one name, by nameKey. */
  byName: Map<string, Occurrence[]>;
  /** Occurrences in one file, in offset order. */
  byPath: Map<string, Occurrence[]>;
}

/** What identifies a name: its scope, kind and spelling. */
export type NameRef = Pick<Occurrence, 'scope' | 'kind' | 'name'>;

const nameKey = ({ scope, kind, name }: NameRef) => `${scope}\0${kind}\0${name}`;

/** The sections that declare names, and the kind each declares. */
export const SECTIONS: Readonly<Record<string, NameKind>> = {
  services: 'service',
  networks: 'network',
  volumes: 'volume',
  configs: 'config',
  secrets: 'secret',
};

/** Network modes that are not a network's name. */
const MODES = new Set(['host', 'none', 'bridge', 'default']);

interface Collector {
  path: string;
  text: string;
  doc: Document;
  scope: string;
  out: Occurrence[];
  /** Maps already walked (an anchored service body merged by many services is walked once). */
  walked: Set<unknown>;
  /** The scope of the services a file names. */
  scopeOf: (path: string) => string;
}

type Pick_ = (value: string) => { name: string; skip: number } | undefined;

/** The occurrence of a name inside a scalar (quotes skipped), `skip` characters into its value. */
function add(c: Collector, kind: NameKind, node: unknown, definition: boolean, pick?: Pick_, scope = c.scope): void {
  const scalar = followAlias(c.doc, node);
  if (!isScalar(scalar) || !scalar.range) return;
  const value = (scalar as Scalar).value;
  if (value === null || typeof value === 'object' || typeof value === 'symbol') return;
  const text = String(value);
  const picked = pick ? pick(text) : { name: text, skip: 0 };
  if (!picked || picked.name === '') return;
  const [start, end] = scalar.range;
  const written = c.text.slice(start, end);
  const quote = written.startsWith('"') || written.startsWith("'") ? 1 : 0;
  // Only a name spelled as it is read: an escaped or folded scalar is left alone.
  if (written.slice(quote + picked.skip, quote + picked.skip + picked.name.length) !== picked.name) return;
  const at = start + quote + picked.skip;
  c.out.push({ kind, name: picked.name, scope, path: c.path, start: at, end: at + picked.name.length, definition });
}

const beforeColon: Pick_ = (value) => ({ name: value.split(':')[0], skip: 0 });
const afterPrefix =
  (prefix: string): Pick_ =>
  (value) =>
    value.startsWith(prefix) ? { name: value.slice(prefix.length), skip: prefix.length } : undefined;

/** A mapping's pairs, those its `<<` merge keys bring included (aliases followed, each merged mapping once). */
function pairsOf(c: Collector, node: unknown, depth = 0): YamlPair[] {
  const map = followAlias(c.doc, node);
  if (!isMap(map) || depth > 16) return [];
  const pairs: YamlPair[] = [];
  for (const pair of map.items as YamlPair[]) {
    if (!isPair(pair)) continue;
    if (!isMergeKey(pair.key)) {
      pairs.push(pair);
      continue;
    }
    const source = followAlias(c.doc, pair.value);
    const sources = isSeq(source) ? source.items : [source];
    for (const from of sources) pairs.push(...pairsOf(c, from, depth + 1));
  }
  return pairs;
}

const keyText = (pair: YamlPair) => (isScalar(pair.key) && typeof pair.key.value !== 'symbol' ? String(pair.key.value) : undefined);

function valueOf(c: Collector, node: unknown, key: string): unknown {
  const pair = pairsOf(c, node).find((p) => keyText(p) === key);
  return pair ? followAlias(c.doc, pair.value) : undefined;
}

const itemsOf = (c: Collector, node: unknown): unknown[] => {
  const list = followAlias(c.doc, node);
  return isSeq(list) ? list.items : [];
};

/** A short volume's source that is a named volume, not a host path (compose-spec: a path starts with `.`, `/` or `~`). */
const namedVolume: Pick_ = (value) => {
  const source = value.split(':')[0];
  if (!value.includes(':') || source === '' || /^[./~$]/.test(source) || source.includes('/') || source.includes('\\')) return undefined;
  return { name: source, skip: 0 };
};

/** A service's references to other names. */
function scanService(c: Collector, body: unknown): void {
  const map = followAlias(c.doc, body);
  if (!isMap(map) || c.walked.has(map)) return;
  c.walked.add(map);
  for (const pair of pairsOf(c, map)) {
    const key = keyText(pair);
    const value = followAlias(c.doc, pair.value);
    switch (key) {
      case 'depends_on':
        if (isSeq(value)) for (const item of value.items) add(c, 'service', item, false);
        else for (const dependency of pairsOf(c, value)) add(c, 'service', dependency.key, false);
        break;
      case 'links':
        for (const item of itemsOf(c, value)) add(c, 'service', item, false, beforeColon);
        break;
      case 'volumes_from':
        for (const item of itemsOf(c, value)) add(c, 'service', item, false, (v) => (v.startsWith('container:') ? undefined : beforeColon(v)));
        break;
      case 'extends':
        scanExtends(c, value);
        break;
      case 'network_mode':
        add(c, 'service', value, false, afterPrefix('service:'));
        add(c, 'network', value, false, (v) => (MODES.has(v) || v.includes(':') ? undefined : { name: v, skip: 0 }));
        break;
      case 'ipc':
      case 'pid':
        add(c, 'service', value, false, afterPrefix('service:'));
        break;
      case 'networks':
        if (isSeq(value)) for (const item of value.items) add(c, 'network', item, false);
        else for (const network of pairsOf(c, value)) add(c, 'network', network.key, false);
        break;
      case 'volumes':
        for (const item of itemsOf(c, value)) {
          if (isMap(followAlias(c.doc, item))) {
            const type = valueOf(c, item, 'type');
            if (!isScalar(type) || type.value === 'volume') add(c, 'volume', valueOf(c, item, 'source'), false);
          } else add(c, 'volume', item, false, namedVolume);
        }
        break;
      case 'configs':
      case 'secrets':
        scanFileReferences(c, key === 'configs' ? 'config' : 'secret', value);
        break;
      case 'build':
        scanFileReferences(c, 'secret', valueOf(c, value, 'secrets'));
        break;
    }
  }
}

/** `configs:` / `secrets:` of a service (or a build): a name, or a mapping whose `source` is one. */
function scanFileReferences(c: Collector, kind: 'config' | 'secret', list: unknown): void {
  for (const item of itemsOf(c, list)) add(c, kind, isMap(followAlias(c.doc, item)) ? valueOf(c, item, 'source') : item, false);
}

/** `extends: NAME` or `extends: { service, file? }`: with a file, a service of that file (its own scope unless it is a project file). */
function scanExtends(c: Collector, value: unknown): void {
  if (isScalar(value)) return add(c, 'service', value, false);
  const file = valueOf(c, value, 'file');
  const scope = isScalar(file) && typeof file.value === 'string' ? c.scopeOf(resolve(dirname(c.path), file.value)) : c.scope;
  add(c, 'service', valueOf(c, value, 'service'), false, undefined, scope);
}

/** Policy selectors (`name`, `network:NAME`) and exclusions' services of a configuration mapping. */
function scanConfig(c: Collector, config: unknown): void {
  const selector = (node: unknown) => {
    for (const item of isSeq(followAlias(c.doc, node)) ? itemsOf(c, node) : [node]) {
      add(c, 'network', item, false, afterPrefix('network:'), PROJECT_SCOPE);
      add(c, 'service', item, false, (v) => (v.includes(':') || v === '*' ? undefined : { name: v, skip: 0 }), PROJECT_SCOPE);
    }
  };
  const edge = (node: unknown) => {
    selector(valueOf(c, node, 'from'));
    selector(valueOf(c, node, 'to'));
  };
  for (const policy of itemsOf(c, valueOf(c, config, 'policies'))) {
    edge(valueOf(c, policy, 'deny'));
    for (const allowed of itemsOf(c, valueOf(c, policy, 'allow'))) edge(allowed);
  }
  for (const exclusion of itemsOf(c, valueOf(c, config, 'exclude'))) add(c, 'service', valueOf(c, exclusion, 'service'), false, undefined, PROJECT_SCOPE);
}

/** A compose file's documents: what each top-level section declares, what its services reference, its `x-composure`. */
function scanCompose(c: Collector): void {
  for (const [section, kind] of Object.entries(SECTIONS)) {
    for (const pair of pairsOf(c, valueOf(c, c.doc.contents, section))) {
      add(c, kind, pair.key, true);
      if (kind === 'service') scanService(c, pair.value);
    }
  }
  scanConfig(c, valueOf(c, c.doc.contents, 'x-composure'));
}

/**
 * Hosts that name a service of the project where they are written: environment URLs and host
 * variables (`http://gateway:8000`, in `.env` files too), labels (Traefik, caddy-docker-proxy)
 * and the proxy configs mounted into services (NGINX, HAProxy, Caddyfile, Prometheus): core's
 * intent references, each located at its host. `depends_on` is read from the files as written.
 */
function hostOccurrences(analysis: Analysis, services: Map<string, string>, out: Occurrence[]): void {
  const { project } = analysis;
  for (const reference of intentReferences(project, topologyOf(project, analysis.config.engine))) {
    if (reference.source === 'depends_on' || reference.target === undefined) continue;
    const name = services.get(reference.target.toLowerCase());
    const { loc } = reference;
    const written = project.files.get(loc.file)?.text.slice(loc.start, loc.end);
    // Only a host found where it is written (not a whole value written through interpolation).
    if (!name || written?.toLowerCase() !== reference.host.toLowerCase() || reference.host.toLowerCase() !== name.toLowerCase()) continue;
    out.push({ kind: 'service', name, scope: PROJECT_SCOPE, path: loc.file, start: loc.start, end: loc.end, definition: false });
  }
}

function indexOf(occurrences: Occurrence[]): NameIndex {
  const byName = new Map<string, Occurrence[]>();
  const byPath = new Map<string, Occurrence[]>();
  const seen = new Set<string>();
  const kept: Occurrence[] = [];
  for (const o of occurrences) {
    // One written place is one occurrence, however many aliases reach it.
    const place = `${o.kind}\0${o.path}\0${o.start}\0${o.scope}`;
    if (seen.has(place)) continue;
    seen.add(place);
    kept.push(o);
    const key = nameKey(o);
    let named = byName.get(key);
    if (!named) byName.set(key, (named = []));
    named.push(o);
    let inFile = byPath.get(o.path);
    if (!inFile) byPath.set(o.path, (inFile = []));
    inFile.push(o);
  }
  for (const list of byPath.values()) list.sort((a, b) => a.start - b.start);
  return { occurrences: kept, byName, byPath };
}

function collect(
  path: string,
  text: string,
  docs: readonly Document[],
  scope: string,
  scopeOf: (path: string) => string,
  out: Occurrence[],
  config = false,
): void {
  for (const doc of docs) {
    const c: Collector = { path, text, doc, scope, out, walked: new Set<unknown>(), scopeOf };
    if (config) scanConfig(c, doc.contents);
    else scanCompose(c);
  }
}

const cache = new WeakMap<Analysis, NameIndex>();

/** Every name of an analysed project: its compose, override, include and `extends` files, its configuration files, its environment hosts. */
export function projectIndex(analysis: Analysis): NameIndex {
  let index = cache.get(analysis);
  if (index) return index;
  const { project } = analysis;
  // A project file's services are the project's; any other file's (an `extends` target, read or not) are its own.
  const scopeOf = (path: string) => (project.sources.get(path)?.role === 'compose' || project.sources.get(path)?.role === 'include' ? PROJECT_SCOPE : path);
  const occurrences: Occurrence[] = [];
  for (const [path, source] of project.sources) collect(path, source.file.text, source.yamlDocuments, scopeOf(path), scopeOf, occurrences);
  for (const [path, file] of project.files) {
    if (!CONFIG_FILE_NAMES.includes(basename(path)) || project.sources.has(path)) continue;
    collect(path, file.text, parsed(file.text), PROJECT_SCOPE, scopeOf, occurrences, true);
  }
  const services = new Map<string, string>();
  for (const o of occurrences) if (o.kind === 'service' && o.definition && o.scope === PROJECT_SCOPE) services.set(o.name.toLowerCase(), o.name);
  hostOccurrences(analysis, services, occurrences);
  cache.set(analysis, (index = indexOf(occurrences)));
  return index;
}

function parsed(text: string): Document[] {
  try {
    return parseAllDocuments(text, { merge: true }) as Document[];
  } catch {
    // An unparsable text declares nothing.
    return [];
  }
}

/** The names of one compose text on its own: when its project cannot be loaded (the text is being typed). */
export function textIndex(path: string, text: string): NameIndex {
  const occurrences: Occurrence[] = [];
  collect(path, text, parsed(text), PROJECT_SCOPE, () => PROJECT_SCOPE, occurrences);
  return indexOf(occurrences);
}

/** The occurrence at an offset of a file (its end included: the cursor just after a name is on it). */
export function occurrenceAt(index: NameIndex, path: string, offset: number): Occurrence | undefined {
  return index.byPath.get(path)?.find((o) => o.start <= offset && offset <= o.end);
}

/** Every occurrence of a name. */
export function occurrencesOf(index: NameIndex, name: NameRef): Occurrence[] {
  return index.byName.get(nameKey(name)) ?? [];
}

/** Names of a kind declared in a scope, sorted. */
export function declared(index: NameIndex, kind: NameKind, scope = PROJECT_SCOPE): string[] {
  return [...new Set(index.occurrences.filter((o) => o.kind === kind && o.definition && o.scope === scope).map((o) => o.name))].sort();
}
