/**
 * Where services, networks and volumes are declared and referenced in the files of a project,
 * as written (the `yaml` package's untouched documents, not the merged model): what
 * definition, references, rename, code lens and completion work from.
 */
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node as YamlNode, type Pair as YamlPair, type Scalar } from 'yaml';
import type { Analysis } from '@composure/core';

export type SymbolKind = 'service' | 'network' | 'volume';

export interface Occurrence {
  kind: SymbolKind;
  name: string;
  path: string;
  /** Offsets of the name itself (inside quotes, before a `:alias` or `:ro`). */
  start: number;
  end: number;
  definition: boolean;
}

export interface ModelIndex {
  occurrences: Occurrence[];
  /** Occurrences of one symbol, by `kind:name`. */
  byName: Map<string, Occurrence[]>;
  /** Occurrences in one file, in offset order. */
  byPath: Map<string, Occurrence[]>;
}

const keyOf = (kind: SymbolKind, name: string) => `${kind}:${name}`;

function pairsOf(node: unknown): YamlPair[] {
  return isMap(node) ? (node.items as YamlPair[]).filter((p) => isPair(p)) : [];
}

function valueOf(node: unknown, key: string): unknown {
  for (const pair of pairsOf(node)) if (isScalar(pair.key) && String(pair.key.value) === key) return pair.value;
  return undefined;
}

/** Scans one file's documents and adds what it declares and references. */
function scan(path: string, text: string, documents: readonly Document.Parsed[] | readonly Document[], out: Occurrence[]): void {
  /** The occurrence of `name` inside a scalar (quotes skipped), starting at `skip` characters into its text. */
  const add = (kind: SymbolKind, node: unknown, definition: boolean, transform?: (value: string) => { name: string; skip: number } | undefined) => {
    if (!isScalar(node) || !node.range) return;
    const scalar = node as Scalar;
    if (scalar.value === null || typeof scalar.value === 'object') return;
    const value = String(scalar.value);
    const picked = transform ? transform(value) : { name: value, skip: 0 };
    if (!picked || picked.name === '') return;
    const [start, end] = scalar.range!;
    const written = text.slice(start, end);
    const quote = written.startsWith('"') || written.startsWith("'") ? 1 : 0;
    const at = written.indexOf(picked.name, quote + picked.skip);
    if (at < 0) return;
    out.push({ kind, name: picked.name, path, start: start + at, end: start + at + picked.name.length, definition });
  };
  const beforeColon = (value: string) => ({ name: value.split(':')[0], skip: 0 });

  for (const document of documents) {
    const root = document.contents;
    if (!isMap(root)) continue;
    for (const section of ['networks', 'volumes'] as const) {
      for (const pair of pairsOf(valueOf(root, section))) add(section === 'networks' ? 'network' : 'volume', pair.key, true);
    }
    for (const servicePair of pairsOf(valueOf(root, 'services'))) {
      add('service', servicePair.key, true);
      const service = servicePair.value as YamlNode | null;
      if (!isMap(service)) continue;
      for (const key of ['depends_on', 'links', 'volumes_from'] as const) {
        const value = valueOf(service, key);
        if (isSeq(value)) {
          for (const item of value.items) {
            if (key === 'volumes_from' && isScalar(item) && String(item.value).startsWith('container:')) continue;
            add('service', item, false, key === 'depends_on' ? undefined : beforeColon);
          }
        } else if (key === 'depends_on') {
          for (const pair of pairsOf(value)) add('service', pair.key, false);
        }
      }
      const extendsNode = valueOf(service, 'extends');
      // `extends` with a `file` names a service of that file, not of this project.
      if (isScalar(extendsNode)) add('service', extendsNode, false);
      else if (isMap(extendsNode) && valueOf(extendsNode, 'file') === undefined) add('service', valueOf(extendsNode, 'service'), false);
      add('service', valueOf(service, 'network_mode'), false, (v) =>
        v.startsWith('service:') ? { name: v.slice('service:'.length), skip: 'service:'.length } : undefined,
      );
      const networks = valueOf(service, 'networks');
      if (isSeq(networks)) for (const item of networks.items) add('network', item, false);
      else for (const pair of pairsOf(networks)) add('network', pair.key, false);
    }
  }
}

function indexOf(occurrences: Occurrence[]): ModelIndex {
  const byName = new Map<string, Occurrence[]>();
  const byPath = new Map<string, Occurrence[]>();
  for (const o of occurrences) {
    const k = keyOf(o.kind, o.name);
    byName.set(k, [...(byName.get(k) ?? []), o]);
    let list = byPath.get(o.path);
    if (!list) byPath.set(o.path, (list = []));
    list.push(o);
  }
  for (const list of byPath.values()) list.sort((a, b) => a.start - b.start);
  return { occurrences, byName, byPath };
}

const cache = new WeakMap<Analysis, ModelIndex>();

/** The index of a project's compose files (and included files; `extends` targets are other files' services). */
export function projectIndex(analysis: Analysis): ModelIndex {
  let index = cache.get(analysis);
  if (!index) {
    const occurrences: Occurrence[] = [];
    for (const [path, source] of analysis.project.sources) if (source.role !== 'extends') scan(path, source.file.text, source.yamlDocuments, occurrences);
    cache.set(analysis, (index = indexOf(occurrences)));
  }
  return index;
}

/** The index of one text on its own: when its project cannot be loaded (the text is being typed). */
export function textIndex(path: string, text: string): ModelIndex {
  const occurrences: Occurrence[] = [];
  try {
    scan(path, text, parseAllDocuments(text, { keepSourceTokens: false }) as Document[], occurrences);
  } catch {
    // An unparsable text declares nothing.
  }
  return indexOf(occurrences);
}

export function occurrenceAt(index: ModelIndex, path: string, offset: number): Occurrence | undefined {
  return index.byPath.get(path)?.find((o) => o.start <= offset && offset <= o.end);
}

export function occurrencesOf(index: ModelIndex, kind: SymbolKind, name: string): Occurrence[] {
  return index.byName.get(keyOf(kind, name)) ?? [];
}

/** Names declared, by kind, sorted. */
export function declared(index: ModelIndex, kind: SymbolKind): string[] {
  return [...new Set(index.occurrences.filter((o) => o.kind === kind && o.definition).map((o) => o.name))].sort();
}
