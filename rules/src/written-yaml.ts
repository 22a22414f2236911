/**
 * The compose files as written, for the style rules: they judge each file's text on
 * its own (an override file's order is its own), never the merged model. Built on the
 * `yaml` package's documents the loader keeps (`project.sources` → `yamlDocuments`).
 */
import { followAlias, isMergeKey, type ComposeSource, type Loc, type Project } from '@composure/core/rule-kit';
import { isMap, isPair, isScalar, type Document, type Pair, type YAMLMap } from 'yaml';

export interface WrittenDocument {
  source: ComposeSource;
  doc: Document.Parsed;
  /** The document's top-level mapping. */
  root: YAMLMap<unknown, unknown>;
}

/** Every document, whose top level is a mapping, of every YAML file the project read (compose, extends and include files). */
export function writtenDocuments(project: Project): WrittenDocument[] {
  const found: WrittenDocument[] = [];
  for (const source of project.sources.values()) {
    for (const doc of source.yamlDocuments) {
      if (isMap(doc.contents)) found.push({ source, doc, root: doc.contents as YAMLMap<unknown, unknown> });
    }
  }
  return found;
}

/** A mapping key as a string, undefined for a merge key or a key that is not a scalar. */
export function keyOf(pair: Pair<unknown, unknown>): string | undefined {
  const key = pair.key;
  if (!isScalar(key) || isMergeKey(key) || typeof key.value === 'symbol') return undefined;
  return key.value === null ? undefined : String(key.value);
}

export interface WrittenService {
  name: string;
  pair: Pair<unknown, unknown>;
  /** The service's mapping as written in this file (an alias is not followed: its mapping is judged where it is written). */
  map?: YAMLMap<unknown, unknown>;
}

/** The services a document writes under its top-level `services`. */
export function writtenServices(written: WrittenDocument): WrittenService[] {
  const pair = written.root.items.find((p) => keyOf(p) === 'services');
  const services = pair?.value;
  if (!isMap(services)) return [];
  const found: WrittenService[] = [];
  for (const service of services.items) {
    const name = keyOf(service);
    if (name === undefined) continue;
    found.push({ name, pair: service, map: isMap(service.value) ? (service.value as YAMLMap<unknown, unknown>) : undefined });
  }
  return found;
}

/**
 * What a service's mapping sets `key` to, as written: its own entry, else the entry a
 * `<<` merge key brings (`<<: *base`, or the first of `<<: [*a, *b]` that has it),
 * aliases followed. The node is wherever it is written (an `x-` block, another service).
 */
export function writtenValue(doc: Document, map: YAMLMap<unknown, unknown>, key: string, depth = 0): unknown {
  const own = map.items.find((p) => keyOf(p) === key);
  if (own) return followAlias(doc, own.value);
  if (depth > 10) return undefined;
  for (const merge of map.items.filter((p) => isMergeKey(p.key))) {
    const value = followAlias(doc, merge.value);
    const sources = isMap(value) ? [value] : (((value as { items?: unknown[] } | null)?.items ?? []) as unknown[]).map((item) => followAlias(doc, item));
    for (const from of sources) {
      if (!isMap(from)) continue;
      const found = writtenValue(doc, from as YAMLMap<unknown, unknown>, key, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * Each service's value of `key` as written, in every compose document of the project. A
 * value an anchor shares between services comes once, with the first of them: it is judged
 * (and fixed) once, where it is written.
 */
export function* writtenServiceValues(project: Project, key: string): Generator<{ written: WrittenDocument; service: WrittenService; value: unknown }> {
  for (const written of writtenDocuments(project)) {
    const seen = new Set<unknown>();
    for (const service of writtenServices(written)) {
      if (!service.map) continue;
      const value = writtenValue(written.doc, service.map, key);
      if (value === undefined || value === null || seen.has(value)) continue;
      seen.add(value);
      yield { written, service, value };
    }
  }
}

/** Where a written node (or a pair: its key) is, in its file; undefined for a node without a range. */
export function locIn(source: ComposeSource, node: unknown): Loc | undefined {
  const target = isPair(node) ? node.key : node;
  const range = (target as { range?: [number, number, number] | null } | null | undefined)?.range;
  return range ? source.file.loc(range[0], range[1]) : undefined;
}

// ——— orders ———

/** Alphabetical, without regard to case (then by character code), the same on every machine (no locale). */
export function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (x !== y) return x < y ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** As `compareNames`, but runs of digits compare as numbers (`80` before `443` before `8080`). */
export function compareNatural(a: string, b: string): number {
  const split = (s: string) => s.toLowerCase().match(/\d+|\D+/g) ?? [];
  const x = split(a);
  const y = split(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const p = x[i];
    const q = y[i];
    if (p === q) continue;
    const pd = /^\d/.test(p);
    const qd = /^\d/.test(q);
    if (pd && qd) {
      const diff = Number(p) - Number(q);
      if (diff !== 0) return diff < 0 ? -1 : 1;
      // 08 and 8: the shorter text first, so the order stays total.
      if (p.length !== q.length) return p.length - q.length;
      continue;
    }
    return p < q ? -1 : 1;
  }
  return x.length - y.length;
}

/**
 * The items written out of order: each one that some earlier item should follow, with the
 * earlier item it should come right before (the first in order among those). Items that
 * take no part (`undefined`) are skipped.
 */
export function misplaced<T>(items: readonly (T | undefined)[], compare: (a: T, b: T) => number): { index: number; before: number }[] {
  const found: { index: number; before: number }[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (item === undefined) continue;
    let before = -1;
    for (let j = 0; j < i; j++) {
      const earlier = items[j];
      if (earlier === undefined || compare(earlier, item) <= 0) continue;
      if (before === -1 || compare(earlier, items[before] as T) < 0) before = j;
    }
    if (before !== -1) found.push({ index: i, before });
  }
  return found;
}

/**
 * The sorted order of items (a stable sort) as `reorderItems` takes it: items that take
 * no part (`undefined`: merge keys, entries that are not names) keep their places.
 */
export function sortedOrder<T>(items: readonly (T | undefined)[], compare: (a: T, b: T) => number): number[] {
  const moving = items.map((_, i) => i).filter((i) => items[i] !== undefined);
  const sorted = [...moving].sort((a, b) => compare(items[a] as T, items[b] as T) || a - b);
  const order = items.map((_, i) => i);
  moving.forEach((slot, k) => (order[slot] = sorted[k]));
  return order;
}
