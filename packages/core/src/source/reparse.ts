/**
 * Parsing again after an edit, for an editor: when an edit falls inside one entry of a
 * top-level section (a service under `services:`, a network, a volume…), only that entry's
 * lines are parsed, and the rest of the previous parse is reused, its positions moved by the
 * edit's length. Aliases are followed when every anchor is written in a top-level entry
 * before the edited section (`x-defaults: &defaults` above `services:`): those entries are
 * parsed with the edited one. The result is the full parse's exactly (parse-cache.test.ts
 * holds it to parseYaml on random edits); anything this cannot vouch for — an anchor in or
 * after the edited section, several documents, flow style at the top, a YAML error or warning
 * before or after, an edit across entries or one that re-indents its entry, a name written
 * twice — returns undefined, and the caller parses the whole file. An entry may be renamed, and
 * entries typed after it (a new service) are read with it.
 */
import { isMap, isScalar, isSeq, isPair, type Document, type Node as YamlNode, type Pair as YamlPair, type YAMLMap } from 'yaml';
import { clone, type Loc, type MapNode, type Pair } from './node.js';
import { forgetAliasTargets } from './anchors.js';
import { composeDocuments, CONTROL_CHARACTER, convertNode, expansionBudget, type AliasUse, type ParsedYaml } from './parse-yaml.js';
import type { SourceFile } from './source-file.js';

/** A parse and its use of anchors and aliases (what an edit of an anchor would change elsewhere). */
export interface TrackedParse extends ParsedYaml {
  aliasUse: AliasUse;
}

type Range = [number, number, number];

/**
 * The parse of `file` from `previous` (the parse of an earlier text of the same file), or
 * undefined when only a full parse will do. `previous` is updated in place and returned with
 * the new file: its trees are the cache's own (see ParseCache), and its `yaml` documents'
 * positions move to the new text.
 */
export function reparse(previous: TrackedParse, file: SourceFile): TrackedParse | undefined {
  const plan = planReparse(previous, file.text);
  if (!plan) return undefined;
  const { doc, top, k, parent, j, region, delta } = plan;
  const padded = composeDocuments(paddedText(plan, file.text));
  if (padded.error || padded.documents.length !== 1) return undefined;
  const padDoc = padded.documents[0];
  if (padDoc.errors.length > 0 || padDoc.warnings.length > 0) return undefined;
  const padTop = blockMap(padDoc.contents);
  // The entries with the anchors, then the parent's.
  const padParentPair = padTop?.items.length === plan.anchorEntries + 1 ? padTop.items[plan.anchorEntries] : undefined;
  const padParent = blockMap(padParentPair?.value);
  const entries = (padParent?.items ?? []) as YamlPair[];
  if (!padTop || !padParent || entries.length === 0 || keyName(padParentPair) !== plan.parentName) return undefined;
  // The region's first entry where the edited one was (then the lines after the region read as before); it may be
  // renamed, and entries typed after it are new: no name the parent's other entries have (that is a duplicate key).
  if (rangeOf(entries[0].key)?.[0] !== plan.entryKeyStart) return undefined;
  const locatedTop = previous.documents[0] as MapNode;
  const locatedParent = locatedTop.entries.get(plan.parentName)!.value as MapNode;
  for (const item of entries) {
    const name = keyName(item);
    if (name === undefined || (name !== plan.entryName && locatedParent.entries.has(name))) return undefined;
  }
  const converted = convertNode(file, padDoc, padParent as unknown as YamlNode, 1);
  // No anchor in the entry (an alias after it could name it), and alias expansion still within the file's budget:
  // what the entry copies now plus all that the previous text copied, an upper bound of the new text's total.
  const expanded = previous.aliasUse.expanded + converted.aliasUse.expanded;
  if (converted.diagnostics.length > 0 || converted.aliasUse.anchorsEnd !== -1 || converted.node.kind !== 'map') return undefined;
  if (expanded >= expansionBudget(file.text) || converted.node.entries.size !== entries.length) return undefined;

  // The `yaml` documents: the entry replaced by the region's, what follows moved; a container that ends in the region ends where the part parse says.
  const lastChild = j === parent.items.length - 1;
  const toEnd = region.end === previous.file.text.length;
  parent.items.splice(j, 1, ...entries);
  for (let i = j + entries.length; i < parent.items.length; i++) shiftPair(parent.items[i], delta);
  for (let i = k + 1; i < top.items.length; i++) shiftPair(top.items[i], delta);
  endAt(parent, lastChild ? padParent.range : undefined, delta);
  endAt(top, toEnd ? padTop.range : undefined, delta);
  endAt(doc, toEnd ? padDoc.range : undefined, delta);
  // The entry's aliases name the part parse's anchors: the document's are found again when next asked for.
  forgetAliasTargets(doc);

  // The located trees, the same way.
  locatedParent.entries = replaceEntry(locatedParent.entries, plan.entryName, converted.node.entries, delta, plan.editEnd);
  locatedTop.entries = replaceEntry(locatedTop.entries, plan.parentName, undefined, delta, plan.editEnd);
  locatedParent.loc = locOf(file, parent.range);
  locatedTop.loc = locOf(file, top.range);
  return {
    file,
    documents: previous.documents,
    yamlDocuments: previous.yamlDocuments,
    diagnostics: [],
    aliasUse: { anchorsEnd: previous.aliasUse.anchorsEnd, expanded },
  };
}

interface Plan {
  doc: Document.Parsed;
  top: YAMLMap<unknown, unknown>;
  /** The top-level entry holding the edit, and its key. */
  k: number;
  parentName: string;
  parent: YAMLMap<unknown, unknown>;
  /** The entry of `parent` holding the edit. */
  j: number;
  entryName: string;
  entryKeyStart: number;
  /** The entry's lines in the previous text: from its key's line to the next key's line. */
  region: { start: number; end: number };
  /** The top-level entries the part parse starts with, up to the last anchor's (all of them before the parent). */
  anchorEntries: number;
  /** Where the edit ends in the previous text: what starts there or after moves by `delta`. */
  editEnd: number;
  /** Where the parent's key line is in the previous text. */
  parentLine: { start: number; end: number };
  delta: number;
}

/** Where the edit is and whether a part parse can stand for a full one; undefined when it cannot. */
function planReparse(previous: TrackedParse, text: string): Plan | undefined {
  if (previous.diagnostics.length > 0 || previous.yamlDocuments.length !== 1 || previous.documents.length !== 1) return undefined;
  const before = previous.file.text;
  // A lone CR ends a line for YAML; the line arithmetic below knows only LF and CRLF.
  if (hasLoneCR(before) || hasLoneCR(text)) return undefined;
  const doc = previous.yamlDocuments[0];
  const top = blockMap(doc.contents);
  if (!top || doc.errors.length > 0 || doc.warnings.length > 0 || previous.documents[0].kind !== 'map') return undefined;

  // The edit: the text between the longest common prefix and suffix.
  const shorter = Math.min(before.length, text.length);
  let start = 0;
  while (start < shorter && before.charCodeAt(start) === text.charCodeAt(start)) start++;
  let same = 0;
  while (same < shorter - start && before.charCodeAt(before.length - 1 - same) === text.charCodeAt(text.length - 1 - same)) same++;
  const oldEnd = before.length - same;
  const delta = text.length - before.length;

  const k = lastKeyAtOrBefore(top.items, start);
  if (k < 0) return undefined;
  const parentPair = top.items[k];
  const parentName = keyName(parentPair);
  const parent = blockMap(parentPair.value);
  if (parentName === undefined || !parent) return undefined;
  const j = lastKeyAtOrBefore(parent.items, start);
  if (j < 0) return undefined;
  const entryName = keyName(parent.items[j]);
  if (entryName === undefined) return undefined;
  // Every key plain, no merge key: the located map holds the entries in the written order, one per key.
  if (!top.items.every((p) => keyName(p) !== undefined) || !parent.items.every((p) => keyName(p) !== undefined)) return undefined;

  const entryKeyStart = rangeOf(parent.items[j].key)![0];
  const regionStart = lineStart(before, entryKeyStart);
  const next = j + 1 < parent.items.length ? parent.items[j + 1] : k + 1 < top.items.length ? top.items[k + 1] : undefined;
  const regionEnd = next ? lineStart(before, rangeOf(next.key)![0]) : before.length;
  if (!/^[ ]*$/.test(before.slice(regionStart, entryKeyStart))) return undefined;
  // The edit must stay inside the region, and the next key's line keep its start.
  if (oldEnd > regionEnd || (start >= regionEnd && regionEnd < before.length)) return undefined;
  if (regionEnd < before.length && text.charCodeAt(regionEnd + delta - 1) !== 10) return undefined;

  const parentKey = rangeOf(parentPair.key)!;
  const parentLineStart = lineStart(before, parentKey[0]);
  const parentLineEnd = before.indexOf('\n', parentKey[1]);
  if (parentLineEnd === -1 || parentLineEnd >= regionStart || !/^[ ]*$/.test(before.slice(parentLineStart, parentKey[0]))) return undefined;
  if (CONTROL_CHARACTER.test(text.slice(regionStart, regionEnd + delta))) return undefined;
  // Every anchor in the top-level entries before the parent's: those are parsed with the entry, which may name them.
  const anchorsEnd = previous.aliasUse.anchorsEnd;
  if (anchorsEnd >= parentLineStart) return undefined;
  const anchorEntries = anchorsEnd === -1 ? 0 : lastKeyAtOrBefore(top.items, anchorsEnd) + 1;
  return {
    doc,
    top,
    k,
    parentName,
    parent,
    j,
    entryName,
    entryKeyStart,
    region: { start: regionStart, end: regionEnd },
    parentLine: { start: parentLineStart, end: parentLineEnd },
    anchorEntries,
    editEnd: oldEnd,
    delta,
  };
}

/**
 * The text the entry is parsed from: the top-level entries with anchors, a comment as long as
 * everything from there to the parent's key line, that line, then the entry's lines; so every
 * offset in it is the new text's.
 */
function paddedText(plan: Plan, text: string): string {
  const prefixEnd = plan.anchorEntries === 0 ? 0 : lineStart(text, rangeOf(plan.top.items[plan.anchorEntries].key)![0]);
  const parentLine = text.slice(plan.parentLine.start, plan.parentLine.end);
  const pad = plan.region.start - prefixEnd - (parentLine.length + 1);
  const filler = pad === 0 ? '' : pad === 1 ? '\n' : `#${' '.repeat(pad - 2)}\n`;
  return text.slice(0, prefixEnd) + filler + parentLine + '\n' + text.slice(plan.region.start, plan.region.end + plan.delta);
}

function hasLoneCR(text: string): boolean {
  return text.includes('\r') && /\r(?!\n)/.test(text);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function blockMap(node: unknown): YAMLMap<unknown, unknown> | undefined {
  return isMap(node) && !node.flow ? (node as YAMLMap<unknown, unknown>) : undefined;
}

function rangeOf(node: unknown): Range | undefined {
  return ((node as { range?: Range | null } | null)?.range ?? undefined) as Range | undefined;
}

/**
 * A key's name (what the located map keys it by); undefined for a merge key, a key that is not a
 * scalar, or an empty one (where the parser places an empty key depends on what comes before it).
 */
function keyName(pair: YamlPair<unknown, unknown> | undefined): string | undefined {
  const key = pair?.key;
  if (!isScalar(key) || typeof key.value === 'symbol' || key.value === null || key.value === '' || !key.range) return undefined;
  return String(key.value);
}

/** The last item whose key starts at or before `offset` (keys are in text order), or -1. */
function lastKeyAtOrBefore(items: readonly YamlPair<unknown, unknown>[], offset: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = rangeOf(items[mid].key)?.[0];
    if (start === undefined) return -1;
    if (start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

function shiftPair(pair: YamlPair<unknown, unknown>, delta: number): void {
  shiftYaml(pair.key, delta);
  shiftYaml(pair.value, delta);
}

function shiftYaml(node: unknown, delta: number): void {
  if (node === null || typeof node !== 'object') return;
  const range = rangeOf(node);
  if (range) (node as { range: Range }).range = [range[0] + delta, range[1] + delta, range[2] + delta];
  if (!isMap(node) && !isSeq(node)) return;
  for (const item of node.items) {
    if (isPair(item)) shiftPair(item, delta);
    else shiftYaml(item, delta);
  }
}

/** A container's end after the edit: where the part parse ends it, when it ends in the entry's region; else moved. */
function endAt(node: { range?: Range | null }, parsed: Range | null | undefined, delta: number): void {
  const range = node.range;
  if (!range) return;
  node.range = parsed ? [range[0], parsed[1], parsed[2]] : [range[0], range[1] + delta, range[2] + delta];
}

function locOf(file: SourceFile, range: Range | null | undefined): Loc | undefined {
  return range ? file.loc(range[0], range[1]) : undefined;
}

/**
 * The entries of a located map with the entry `name` replaced by `replacement` (when given: the
 * region's entries, in order), and every entry after it moved by `delta`, except the locations
 * before the edit (`from`): what a merge key copied from an anchor.
 */
function replaceEntry(entries: Map<string, Pair>, name: string, replacement: Map<string, Pair> | undefined, delta: number, from: number): Map<string, Pair> {
  const result = new Map<string, Pair>();
  let after = false;
  for (const [key, pair] of entries) {
    if (key === name) {
      after = true;
      if (replacement) for (const [added, value] of replacement) result.set(added, value);
      else result.set(key, pair);
    } else result.set(key, after ? { key: clone(pair.key, delta, from), value: clone(pair.value, delta, from) } : pair);
  }
  return result;
}
