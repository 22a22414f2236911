/**
 * Text edits on a YAML file as written, for rule fixes that keep everything
 * else byte for byte: comments, blank lines, anchors, quoting and key order
 * outside the edit. Edits are computed from the `yaml` package's documents of
 * the file (ranges into its text), never by re-serialising a document (which
 * would reformat the file, as dclint's --fix does).
 *
 * Every helper returns the edits to make, `[]` when the file already says what
 * was asked (nothing to change), or `undefined` when it cannot edit safely (an
 * alias where a mapping was expected, an explicit `? key`, a block scalar with
 * kept trailing lines…): report the finding without a fix then.
 *
 * A rule finds what was written from the located tree's positions, then edits it:
 *
 * ```ts
 * const loc = pair.key.loc;                                  // the model's pair (merged, canonical)
 * const editor = loc && yamlEditorFor(context.project, loc.file);
 * const written = editor?.pairAt(loc);                       // the pair as written in that file
 * const edits = written && !editor.isShared(written.pair) && !editor.isShared(written.pair.value)
 *   ? editor.setEntry(written.pair, 'internal', true)         // or replaceScalar, appendItem, removeEntry…
 *   : undefined;
 * context.report({ messageId, data, at: pair, fix: edits?.length ? { edits } : undefined });
 * ```
 *
 * A value reached through an alias or a `<<` merge has its loc in the anchor: editing it
 * there edits every copy, which `isShared` tells. Edits may use `\n`: a CRLF file gets CRLF.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseDocument,
  Scalar,
  type Document,
  type Node as YamlNode,
  type Pair as YamlPair,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { ComposeSource, Project } from '../model/project.js';
import type { TextEdit } from '../source/diagnostic.js';
import { lineEndingOf } from './apply.js';

/** A value to write: scalars, lists and mappings of them. */
export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue };

/** A collection as parsed: `flow` is true for `{…}` / `[…]`. */
export type YamlCollection = YAMLMap<unknown, unknown> | YAMLSeq<unknown>;

/** Where a written node sits: its collection and, in a mapping, its pair. */
export interface WrittenParent {
  collection: YamlCollection;
  pair?: YamlPair<unknown, unknown>;
}

type Range = [number, number, number];
type Quote = 'plain' | 'double' | 'single';

const rangeOf = (node: unknown): Range | undefined => {
  const range = (node as { range?: Range | null } | null | undefined)?.range;
  return range ?? undefined;
};

/** A written pair and its mapping. */
type WrittenPair = { pair: YamlPair<unknown, unknown>; map: YAMLMap<unknown, unknown> };

/** Nodes deeper than this are not looked at (the loader refuses documents nested this deep anyway). */
const MAX_DEPTH = 250;

/** Where an item of a collection starts as written (a pair: its key, or value). */
function startOf(item: unknown): number | undefined {
  if (!isPair(item)) return rangeOf(item)?.[0];
  const key = rangeOf(item.key)?.[0];
  const value = rangeOf(item.value)?.[0];
  return key === undefined ? value : value === undefined ? key : Math.min(key, value);
}

/** Where an item of a collection ends as written (a pair: its key or value), comments after it on its line included. */
function endOf(item: unknown): number | undefined {
  if (!isPair(item)) return rangeOf(item)?.[2];
  const key = rangeOf(item.key)?.[2];
  const value = rangeOf(item.value)?.[2];
  return key === undefined ? value : value === undefined ? key : Math.max(key, value);
}

const editors = new WeakMap<ComposeSource, YamlEditor>();

/** The editor of a YAML file the project read (compose, extends or include file); one per loaded file. */
export function yamlEditorFor(project: Project, file: string): YamlEditor | undefined {
  const source = project.sources.get(file);
  if (!source) return undefined;
  let editor = editors.get(source);
  if (!editor) editors.set(source, (editor = new YamlEditor(source.file.text, source.yamlDocuments)));
  return editor;
}

/** Computes text edits on one YAML file from its parsed documents. */
export class YamlEditor {
  /** The file's line ending: edits use it for the lines they add. */
  readonly eol: string;
  /**
   * Parents recorded so far: those of the items (and keys and values) of every collection a
   * lookup went through, or of every node once the whole file is indexed.
   */
  private readonly parents = new Map<unknown, WrittenParent>();
  /** The collections whose items' parents are recorded: true when their items can be binary-searched. */
  private readonly entered = new Map<YamlCollection, boolean>();
  /** The whole-file index (today's walk), built only for what needs every node. */
  private all: { pairs: WrittenPair[]; nodes: YamlNode[] } | undefined;
  private aliased: Set<string> | undefined;
  private unit: number | undefined;
  private seqUnit: number | undefined;
  private padding: string | undefined;

  constructor(
    readonly text: string,
    readonly documents: readonly Document.Parsed[],
  ) {
    // Nothing is indexed up front: rules look up a handful of pairs in files of thousands of nodes.
    this.eol = lineEndingOf(text);
  }

  /** Every pair and node of the file, in index order (documents in order, each outside in), with every parent. */
  private indexAll(): { pairs: WrittenPair[]; nodes: YamlNode[] } {
    if (!this.all) {
      this.all = { pairs: [], nodes: [] };
      for (const doc of this.documents) if (doc.contents) this.index(this.all, doc.contents as YamlNode, undefined, 0);
    }
    return this.all;
  }

  private index(all: { pairs: WrittenPair[]; nodes: YamlNode[] }, node: YamlNode, parent: WrittenParent | undefined, depth: number): void {
    if (depth > MAX_DEPTH) return;
    all.nodes.push(node);
    if (parent) this.parents.set(node, parent);
    if (isMap(node)) {
      for (const pair of node.items) {
        all.pairs.push({ pair, map: node });
        this.parents.set(pair, { collection: node, pair });
        if (pair.key) this.index(all, pair.key as YamlNode, { collection: node, pair }, depth + 1);
        if (pair.value) this.index(all, pair.value as YamlNode, { collection: node, pair }, depth + 1);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) if (item) this.index(all, item as YamlNode, { collection: node }, depth + 1);
    }
  }

  /**
   * The first of the file's pairs and nodes, in index order, that `test` accepts: the file's style
   * (indentation, flow padding) is told by one of its first few. A file that does not tell is
   * walked whole, so the walk makes no garbage per node (no iterator, no [node, depth] pair).
   */
  private find(test: (node: unknown) => boolean): unknown {
    const nodes: unknown[] = [];
    const depths: number[] = [];
    const push = (node: unknown, depth: number) => {
      nodes.push(node);
      depths.push(depth);
    };
    for (let i = this.documents.length - 1; i >= 0; i--) if (this.documents[i].contents) push(this.documents[i].contents, 0);
    while (nodes.length > 0) {
      const node = nodes.pop();
      const depth = depths.pop()!;
      if (test(node)) return node;
      if (isMap(node)) {
        // A mapping's pairs are listed even where its keys and values are too deep to be.
        for (let i = node.items.length - 1; i >= 0; i--) {
          const pair = node.items[i];
          if (pair.value && depth < MAX_DEPTH) push(pair.value, depth + 1);
          if (pair.key && depth < MAX_DEPTH) push(pair.key, depth + 1);
          push(pair, depth);
        }
      } else if (isSeq(node) && depth < MAX_DEPTH) {
        for (let i = node.items.length - 1; i >= 0; i--) if (node.items[i]) push(node.items[i], depth + 1);
      }
    }
    return undefined;
  }

  /**
   * Records the parents of a collection's items (and of a mapping's keys and values), once, as
   * the whole-file index would; says whether its items' starts and ends are both in order, so a
   * lookup can binary-search them.
   */
  private enter(collection: YamlCollection, depth: number): boolean {
    let sorted = this.entered.get(collection);
    if (sorted !== undefined) return sorted;
    sorted = true;
    let lastStart = -1;
    let lastEnd = -1;
    for (const item of collection.items as unknown[]) {
      if (isPair(item)) {
        this.parents.set(item, { collection, pair: item });
        if (depth < MAX_DEPTH) {
          if (item.key) this.parents.set(item.key, { collection, pair: item });
          if (item.value) this.parents.set(item.value, { collection, pair: item });
        }
      } else if (item && depth < MAX_DEPTH) this.parents.set(item, { collection });
      const start = startOf(item);
      const end = endOf(item);
      if (start === undefined || end === undefined || start < lastStart || end < lastEnd) sorted = false;
      else {
        lastStart = start;
        lastEnd = end;
      }
    }
    this.entered.set(collection, sorted);
    return sorted;
  }

  /**
   * The items of a collection under which a node starting at `offset` can be, in order (all of
   * them when they are not in order). A node may start before the item holding it (in `? a: 1`
   * the key's mapping starts at its `:`, after its own key `a`), but not before the end of the
   * previous item nor after the start of the next one: so, from the item before the first one
   * starting at or after `offset` to the item after the last one ending at or before it —
   * usually just one, found by binary search.
   */
  private around(collection: YamlCollection, offset: number, depth: number): unknown[] {
    const items = collection.items as unknown[];
    if (!this.enter(collection, depth)) return items;
    let low = 0;
    let high = items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (startOf(items[mid])! < offset) low = mid + 1;
      else high = mid;
    }
    const first = Math.max(0, low - 1);
    low = first;
    high = items.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (endOf(items[mid])! <= offset) low = mid + 1;
      else high = mid;
    }
    return items.slice(first, Math.min(items.length - 1, low) + 1);
  }

  // ——— finding what was written ———

  /** The written mapping pair whose key starts where `loc` starts (a finding about a pair points at its key). */
  pairAt(loc: { start: number }): { pair: YamlPair<unknown, unknown>; map: YAMLMap<unknown, unknown> } | undefined {
    for (const doc of this.documents) {
      const found = doc.contents ? this.findPair(doc.contents, loc.start, 0) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  /** The first pair in index order whose key starts at `offset`, under `node`. */
  private findPair(node: unknown, offset: number, depth: number): WrittenPair | undefined {
    if (depth > MAX_DEPTH || !(isMap(node) || isSeq(node))) return undefined;
    for (const item of this.around(node, offset, depth)) {
      if (!isPair(item)) {
        const found = this.findPair(item, offset, depth + 1);
        if (found) return found;
        continue;
      }
      // A pair comes before the pairs inside its key and value.
      if (rangeOf(item.key)?.[0] === offset) return { pair: item, map: node as YAMLMap<unknown, unknown> };
      const found = this.findPair(item.key, offset, depth + 1) ?? this.findPair(item.value, offset, depth + 1);
      if (found) return found;
    }
    return undefined;
  }

  /** The written node (scalar, mapping, sequence, alias) spanning exactly `loc`, the innermost when several do. */
  nodeAt(loc: { start: number; end: number }): YamlNode | undefined {
    for (let i = this.documents.length - 1; i >= 0; i--) {
      const contents = this.documents[i].contents;
      const found = contents ? this.findNode(contents, loc.start, loc.end, 0) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  /** The last node in index order spanning exactly [start, end] in `node`'s subtree: the innermost. */
  private findNode(node: unknown, start: number, end: number, depth: number): YamlNode | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    if (isMap(node) || isSeq(node)) {
      // Last in index order first: later items, a value before its key, children before their collection.
      const items = this.around(node, start, depth);
      for (let i = items.length - 1; i >= 0; i--) {
        const item = items[i];
        const found = isPair(item)
          ? (this.findNode(item.value, start, end, depth + 1) ?? this.findNode(item.key, start, end, depth + 1))
          : this.findNode(item, start, end, depth + 1);
        if (found) return found;
      }
    }
    const range = rangeOf(node);
    return range && range[0] === start && range[1] === end ? (node as YamlNode) : undefined;
  }

  /** The collection (and pair) holding a written node or pair. */
  parentOf(node: unknown): WrittenParent | undefined {
    return this.parents.get(node) ?? this.locate(node);
  }

  /**
   * The parent of a node no lookup went through (one reached from a found node, say): found by
   * descending to where it starts, recording parents on the way; else by indexing the whole file.
   */
  private locate(node: unknown): WrittenParent | undefined {
    if (!node || typeof node !== 'object' || this.documents.some((doc) => doc.contents === node)) return undefined;
    if (this.all) return undefined;
    const start = startOf(node);
    if (start !== undefined) {
      for (const doc of this.documents) if (this.reach(doc.contents, node, start, 0)) return this.parents.get(node);
    }
    this.indexAll();
    return this.parents.get(node);
  }

  /** Enters the collections under `node` whose items may hold `target`, until its parent is recorded. */
  private reach(node: unknown, target: unknown, offset: number, depth: number): boolean {
    if (depth > MAX_DEPTH || !(isMap(node) || isSeq(node))) return false;
    const items = this.around(node, offset, depth);
    if (this.parents.has(target)) return true;
    return items.some((item) =>
      isPair(item)
        ? this.reach(item.key, target, offset, depth + 1) || this.reach(item.value, target, offset, depth + 1)
        : this.reach(item, target, offset, depth + 1),
    );
  }

  /**
   * Whether editing this node (or pair) would change other values too: it, or a
   * collection around it, carries an anchor that an alias (or a `<<` merge) copies.
   */
  isShared(node: unknown): boolean {
    for (let at: unknown = node; at; at = this.parentOf(at)?.collection) {
      // Which anchors are aliased takes the whole file: asked only when there is an anchor.
      const anchor = (at as { anchor?: string }).anchor;
      if (anchor && this.aliasedAnchors().has(anchor)) return true;
    }
    return false;
  }

  /** The anchor names some alias copies. */
  private aliasedAnchors(): Set<string> {
    if (!this.aliased) {
      this.aliased = new Set();
      // An alias is written `*name`: a file without a `*` has none, and needs no walk.
      if (this.text.includes('*')) for (const n of this.indexAll().nodes) if (isAlias(n)) this.aliased.add(n.source);
    }
    return this.aliased;
  }

  /** Whether [start, end) holds an anchor that an alias copies: removing it would leave the alias dangling. */
  private holdsAliasedAnchor(start: number, end: number): boolean {
    const aliased = this.aliasedAnchors();
    if (aliased.size === 0) return false;
    return this.indexAll().nodes.some((node) => {
      const anchor = (node as { anchor?: string }).anchor;
      const range = rangeOf(node);
      return !!anchor && !!range && range[0] >= start && range[0] < end && aliased.has(anchor);
    });
  }

  /** Whether a node sits inside a flow collection (`{…}` / `[…]`), where plain scalars are more restricted. */
  inFlow(node: unknown): boolean {
    for (let at = this.parentOf(node); at; at = this.parentOf(at.collection)) if (at.collection.flow) return true;
    return false;
  }

  // ——— edits ———

  /**
   * Makes the mapping `owner` hold `key: value`. `owner` is a mapping, or a pair
   * whose value is that mapping — a pair with no value (`back:` or `back: ~`) gets one.
   * An existing scalar value is replaced (keeping its quoting); otherwise the entry
   * is added after the last one, in the mapping's style (block or flow), indentation
   * and key quoting.
   */
  setEntry(owner: YAMLMap<unknown, unknown> | YamlPair<unknown, unknown>, key: string, value: YamlValue): TextEdit[] | undefined {
    let map: YAMLMap<unknown, unknown>;
    if (isPair(owner)) {
      const current = owner.value;
      if (isMap(current)) map = current;
      else if (isNullScalar(current)) return this.fillNull(owner, key, value);
      else return undefined;
    } else map = owner;
    const existing = map.items.find((p) => isScalar(p.key) && typeof p.key.value !== 'symbol' && String(p.key.value) === key);
    if (existing) {
      if (isScalar(existing.value) && isScalarValue(value)) return this.replaceScalar(existing.value, value);
      if (!existing.value && isScalarValue(value)) return this.fillEmptyValue(existing, value);
      return undefined;
    }
    return this.insertEntry(map, key, value);
  }

  /** Adds `key: value` after the last entry of a mapping (the key must not be there yet). */
  insertEntry(map: YAMLMap<unknown, unknown>, key: string, value: YamlValue): TextEdit[] | undefined {
    const range = rangeOf(map);
    if (!range || map.items.some((p) => this.isExplicitKey(p.key))) return undefined;
    const keyText = this.renderKey(key, map);
    if (map.flow) {
      const entry = `${keyText}: ${this.renderFlow(value, siblingQuote(map))}`;
      return this.insertInFlow(map, range, entry, '{', '}');
    }
    const first = map.items[0];
    if (!first) return undefined;
    const last = map.items[map.items.length - 1];
    if (this.endsWithKeptBlockScalar(last)) return undefined;
    const column = this.column(rangeOf(first.key)![0]);
    const at = this.lineEnd(this.contentEnd(last));
    return [{ start: at, end: at, text: this.eol + ' '.repeat(column) + keyText + ':' + this.renderBlockValue(value, column, siblingQuote(map)) }];
  }

  /** Replaces a written scalar, keeping its quoting where the new value allows it (`"8080:80"` stays double-quoted). */
  replaceScalar(node: Scalar<unknown>, value: string | number | boolean | null): TextEdit[] | undefined {
    const range = rangeOf(node);
    if (!range || node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED) return undefined;
    const quote: Quote = node.type === Scalar.QUOTE_DOUBLE ? 'double' : node.type === Scalar.QUOTE_SINGLE ? 'single' : 'plain';
    const rendered = this.renderScalar(value, quote, this.inFlow(node));
    const [start, end] = range;
    if (this.text.slice(start, end) === rendered) return [];
    // `key:` with nothing after the colon: a space must separate the new value.
    const text = start === end && this.text[start - 1] === ':' ? ` ${rendered}` : rendered;
    return [{ start, end, text }];
  }

  /**
   * Removes an entry of a mapping with its line(s) and any comment at the end of its last
   * line; comment and blank lines around it stay. The last entry of a block mapping
   * under a key leaves `key: {}`; of a flow mapping, `{}`; the only entry of a document
   * leaves an empty document. The first entry of a mapping in a sequence item
   * (`- name: a`) gives its place after the dash to the next one (the item becomes `- {}` if none).
   */
  removeEntry(map: YAMLMap<unknown, unknown>, pair: YamlPair<unknown, unknown>): TextEdit[] | undefined {
    const index = map.items.indexOf(pair);
    const keyRange = rangeOf(pair.key);
    if (index === -1 || !keyRange || this.holdsAliasedAnchor(keyRange[0], this.contentEnd(pair))) return undefined;
    return this.removeFrom(map, index, keyRange[0], this.contentEnd(pair), '{}');
  }

  /** Adds an item at the end of a sequence, in its style (block `- item` lines or flow `[a, b]`). */
  appendItem(seq: YAMLSeq<unknown>, value: YamlValue): TextEdit[] | undefined {
    const range = rangeOf(seq);
    if (!range) return undefined;
    if (seq.flow) return this.insertInFlow(seq, range, this.renderFlow(value, siblingQuote(seq)), '[', ']');
    const first = seq.items[0];
    const last = seq.items[seq.items.length - 1];
    const dash = first ? this.dashBefore(first) : undefined;
    if (dash === undefined || !last || this.endsWithKeptBlockScalar(last)) return undefined;
    const column = this.column(dash);
    const at = this.lineEnd(this.contentEnd(last));
    return [{ start: at, end: at, text: this.eol + ' '.repeat(column) + '-' + this.renderSeqItem(value, column, siblingQuote(seq)) }];
  }

  /** Removes an item of a sequence with its line(s) (block) or with its comma (flow). The last one leaves `[]`. */
  removeItem(seq: YAMLSeq<unknown>, item: unknown): TextEdit[] | undefined {
    const index = seq.items.indexOf(item);
    const range = rangeOf(item);
    if (index === -1 || !range) return undefined;
    const start = seq.flow ? range[0] : this.dashBefore(item);
    if (start === undefined || this.holdsAliasedAnchor(range[0], this.contentEnd(item))) return undefined;
    return this.removeFrom(seq, index, start, this.contentEnd(item), '[]');
  }

  /**
   * The same change as one edit spanning at least [start, end) — typically a whole section:
   * the fixes of other findings inside the span then wait for the next pass, and are computed
   * again on the changed text. For fixes that depend on each other (ESLint's way): closing one
   * network may make the finding about the next one go away.
   */
  asOneEdit(edits: readonly TextEdit[], start: number, end: number): TextEdit[] {
    if (edits.length === 0) return [];
    const sorted = [...edits].sort((a, b) => a.start - b.start);
    const from = Math.min(start, sorted[0].start);
    const to = Math.max(end, ...sorted.map((e) => e.end));
    let text = '';
    let at = from;
    for (const edit of sorted) {
      text += this.text.slice(at, edit.start) + edit.text;
      at = edit.end;
    }
    return [{ start: from, end: to, text: text + this.text.slice(at, to) }];
  }

  // ——— internals ———

  private fillNull(pair: YamlPair<unknown, unknown>, key: string, value: YamlValue): TextEdit[] | undefined {
    const parent = this.parentOf(pair);
    const keyRange = rangeOf(pair.key);
    if (!parent || !keyRange) return undefined;
    const colon = this.colonAfter(keyRange[1]);
    const keyText = this.renderKey(key, undefined);
    // The written null (`~`, `null`), if any: from after the colon to its last character.
    const nullEnd = colon === undefined ? undefined : this.trimmedEnd(colon + 1, rangeOf(pair.value)?.[1] ?? colon + 1);
    if (parent.collection.flow) {
      const pad = this.flowPadding();
      const text = `{${pad}${keyText}: ${this.renderFlow(value, undefined)}${pad}}`;
      if (colon === undefined || nullEnd === undefined) return [{ start: keyRange[1], end: keyRange[1], text: `: ${text}` }];
      return [{ start: colon + 1, end: nullEnd, text: ` ${text}` }];
    }
    if (colon === undefined || nullEnd === undefined) return undefined;
    const column = this.column(keyRange[0]) + this.indentUnit();
    const edits: TextEdit[] = [];
    // `back: ~` / `back: null`: the null goes, the mapping takes its place on the next lines.
    if (nullEnd > colon + 1) edits.push({ start: colon + 1, end: nullEnd, text: '' });
    const at = this.lineEnd(nullEnd);
    edits.push({ start: at, end: at, text: this.eol + ' '.repeat(column) + keyText + ':' + this.renderBlockValue(value, column, undefined) });
    return edits;
  }

  /** `key:` written with nothing after it, not even a null scalar. */
  private fillEmptyValue(pair: YamlPair<unknown, unknown>, value: string | number | boolean | null): TextEdit[] | undefined {
    const keyRange = rangeOf(pair.key);
    const colon = keyRange && this.colonAfter(keyRange[1]);
    if (colon === undefined) return undefined;
    return [{ start: colon + 1, end: colon + 1, text: ' ' + this.renderScalar(value, 'plain', this.inFlow(pair.key)) }];
  }

  /** Inserts an entry or item after the last one of a flow collection, or fills an empty one. */
  private insertInFlow(collection: YamlCollection, range: Range, entry: string, open: string, close: string): TextEdit[] | undefined {
    const [start, end] = range;
    if (this.text[start] !== open || this.text[end - 1] !== close) return undefined;
    const items = collection.items as unknown[];
    if (items.length === 0) {
      if (this.text.slice(start + 1, end - 1).trim() !== '') return undefined;
      const pad = open === '{' ? this.flowPadding() : '';
      return [{ start, end, text: `${open}${pad}${entry}${pad}${close}` }];
    }
    const last = items[items.length - 1];
    const lastStart = rangeOf(isPair(last) ? last.key : last)?.[0];
    if (lastStart === undefined) return undefined;
    const at = this.contentEnd(last);
    // A multi-line flow collection with one item per line gets a new line, at the same column.
    const ownLine = this.text.slice(this.lineStart(lastStart), lastStart).trim() === '' && this.lineStart(lastStart) > start;
    const separator = ownLine ? `,${this.eol}${' '.repeat(this.column(lastStart))}` : ', ';
    return [{ start: at, end: at, text: separator + entry }];
  }

  /** Removes item `index` of a collection, from `start` (its first character) to `end` (its last). */
  private removeFrom(collection: YamlCollection, index: number, start: number, end: number, empty: string): TextEdit[] | undefined {
    const items = collection.items as unknown[];
    const range = rangeOf(collection);
    if (!range) return undefined;
    if (collection.flow) {
      if (items.length === 1) return [{ start: range[0], end: range[1], text: empty }];
      if (index < items.length - 1) {
        const next = items[index + 1];
        const nextStart = rangeOf(isPair(next) ? next.key : next)?.[0];
        return nextStart === undefined ? undefined : [{ start, end: nextStart, text: '' }];
      }
      return [{ start: this.contentEnd(items[index - 1]), end, text: '' }];
    }
    const lineStart = this.lineStart(start);
    const before = this.text.slice(lineStart, start);
    if (before.trim() !== '') {
      // The first entry of a mapping in a sequence item (`- name: a`): the next entry moves up after
      // the dash, or the item becomes `{}`. Anything else before it on its line: no safe edit.
      if (!/^\s*(-\s+)+$/.test(before) || index !== 0 || !isMap(collection)) return undefined;
      if (items.length === 1) return [{ start, end, text: empty }];
      const nextStart = rangeOf((items[1] as YamlPair<unknown, unknown>).key)?.[0];
      return nextStart === undefined ? undefined : [{ start, end: nextStart, text: '' }];
    }
    const lineEnd = this.lineEnd(end);
    const next = this.text.startsWith('\r\n', lineEnd) ? lineEnd + 2 : lineEnd < this.text.length ? lineEnd + 1 : lineEnd;
    const edits: TextEdit[] = [{ start: lineStart, end: next, text: '' }];
    if (items.length === 1) {
      // The owner keeps an empty collection rather than turning null.
      const owner = this.parentOf(collection)?.pair;
      const ownerKey = owner && owner.value === collection ? rangeOf(owner.key) : undefined;
      const colon = ownerKey && this.colonAfter(ownerKey[1]);
      if (colon !== undefined) {
        const at = this.afterProperties(colon + 1);
        edits.unshift({ start: at, end: at, text: ` ${empty}` });
      }
    }
    return edits;
  }

  /** After the last character of a node or pair as written (trailing spaces, newlines and comment lines excluded). */
  private contentEnd(node: unknown): number {
    let end: number;
    if (isPair(node)) end = Math.max(rangeOf(node.key)?.[1] ?? 0, rangeOf(node.value)?.[1] ?? 0);
    else end = rangeOf(node)?.[1] ?? 0;
    while (end > 0 && /[ \t\r\n]/.test(this.text[end - 1])) end--;
    return end;
  }

  /** A block scalar with `+` (keep) chomping owns the blank lines after it: nothing can be added after it safely. */
  private endsWithKeptBlockScalar(node: unknown): boolean {
    let at: unknown = node;
    for (let depth = 0; at && depth < 300; depth++) {
      if (isPair(at)) at = at.value;
      else if (isMap(at) || isSeq(at)) at = at.items[at.items.length - 1];
      else break;
    }
    if (!isScalar(at) || (at.type !== Scalar.BLOCK_LITERAL && at.type !== Scalar.BLOCK_FOLDED)) return false;
    const start = rangeOf(at)?.[0];
    return start !== undefined && (/^[|>][-+0-9]*/.exec(this.text.slice(start, start + 4))?.[0].includes('+') ?? false);
  }

  /** The `-` of a block sequence item. */
  private dashBefore(item: unknown): number | undefined {
    const range = rangeOf(item);
    if (!range) return undefined;
    let at = range[0] - 1;
    while (at >= 0 && (this.text[at] === ' ' || this.text[at] === '\t')) at--;
    return this.text[at] === '-' ? at : undefined;
  }

  /** `start`, or after the last character of [start, end) that is not a space. */
  private trimmedEnd(start: number, end: number): number {
    let at = Math.max(start, end);
    while (at > start && /\s/.test(this.text[at - 1])) at--;
    return at;
  }

  /** After the anchor and tag (`&name`, `!tag`) written from `offset` on its line, if any. */
  private afterProperties(offset: number): number {
    let end = offset;
    let at = offset;
    for (;;) {
      while (this.text[at] === ' ' || this.text[at] === '\t') at++;
      if (this.text[at] !== '&' && this.text[at] !== '!') return end;
      while (at < this.text.length && !/\s/.test(this.text[at])) at++;
      end = at;
    }
  }

  /** Whether a key is written explicitly (`? key`). */
  private isExplicitKey(key: unknown): boolean {
    const start = rangeOf(key)?.[0];
    if (start === undefined) return true;
    let at = start - 1;
    while (at >= 0 && (this.text[at] === ' ' || this.text[at] === '\t')) at--;
    return this.text[at] === '?';
  }

  /** The `:` after a key (spaces allowed between), if any. */
  private colonAfter(keyEnd: number): number | undefined {
    let at = keyEnd;
    while (this.text[at] === ' ' || this.text[at] === '\t') at++;
    return this.text[at] === ':' ? at : undefined;
  }

  private lineStart(offset: number): number {
    let at = offset;
    while (at > 0 && this.text[at - 1] !== '\n' && this.text[at - 1] !== '\r') at--;
    return at;
  }

  /** The offset of the line break ending the line of `offset` (or the end of the file). */
  private lineEnd(offset: number): number {
    let at = offset;
    while (at < this.text.length && this.text[at] !== '\n' && this.text[at] !== '\r') at++;
    return at;
  }

  private column(offset: number): number {
    return offset - this.lineStart(offset);
  }

  /** The file's indentation step: how far a block mapping under a key is indented (2 when nothing tells). */
  indentUnit(): number {
    if (this.unit === undefined) {
      /** How far the block mapping under a pair's key is indented from it; 0 when it tells nothing. */
      const stepOf = (pair: unknown): number => {
        if (!isPair(pair)) return 0;
        const value = pair.value;
        const keyStart = rangeOf(pair.key)?.[0];
        if (!isMap(value) || value.flow || keyStart === undefined) return 0;
        const childStart = rangeOf(value.items[0]?.key)?.[0];
        if (childStart === undefined || this.lineStart(childStart) === this.lineStart(keyStart)) return 0;
        return this.column(childStart) - this.column(keyStart);
      };
      const telling = this.find((node) => stepOf(node) > 0);
      this.unit = telling === undefined ? 2 : stepOf(telling);
    }
    return this.unit;
  }

  /** How far a block sequence under a key is indented (0 for `key:\n- item`), as the file does it. */
  private sequenceIndent(): number {
    if (this.seqUnit === undefined) {
      /** How far the dashes of the block sequence under a pair's key are indented from it; undefined when it tells nothing. */
      const indentOf = (pair: unknown): number | undefined => {
        if (!isPair(pair)) return undefined;
        const value = pair.value;
        const keyStart = rangeOf(pair.key)?.[0];
        if (!isSeq(value) || value.flow || keyStart === undefined || !value.items[0]) return undefined;
        const dash = this.dashBefore(value.items[0]);
        if (dash === undefined || this.lineStart(dash) === this.lineStart(keyStart)) return undefined;
        return Math.max(0, this.column(dash) - this.column(keyStart));
      };
      const telling = this.find((node) => indentOf(node) !== undefined);
      this.seqUnit = telling === undefined ? this.indentUnit() : indentOf(telling)!;
    }
    return this.seqUnit;
  }

  /** `{ a: b }` or `{a: b}`, as the file's other flow mappings are written (padded when none tells). */
  private flowPadding(): string {
    if (this.padding === undefined) {
      const telling = this.find((node) => isMap(node) && !!node.flow && node.items.length > 0 && rangeOf(node) !== undefined);
      this.padding = telling === undefined || /\s/.test(this.text[rangeOf(telling)![0] + 1]) ? ' ' : '';
    }
    return this.padding;
  }

  // ——— rendering ———

  private renderKey(key: string, map: YAMLMap<unknown, unknown> | undefined): string {
    let quote: Quote = 'plain';
    if (map) {
      const styles = new Set(map.items.map((p) => (isScalar(p.key) ? quoteOf(p.key) : 'plain')));
      if (styles.size === 1) quote = [...styles][0];
    }
    return this.renderScalar(key, quote, !!map?.flow || (map ? this.inFlow(map) : false));
  }

  /** A scalar as YAML text: plain when that reads back as the same string in YAML 1.1 and 1.2, else quoted. */
  renderScalar(value: string | number | boolean | null, quote: Quote | undefined, flow: boolean): string {
    if (value === null) return 'null';
    if (typeof value === 'boolean') return String(value);
    if (typeof value === 'number') return Number.isFinite(value) ? String(value) : value > 0 ? '.inf' : value < 0 ? '-.inf' : '.nan';
    if (quote === 'single' && !/[\n\r\t\\\u0000-\u001f\u007f]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
    if (quote === 'double' || !isPlainSafe(value, flow)) return JSON.stringify(value);
    return value;
  }

  /** What follows `key:` in a block mapping whose key is at `column`. */
  private renderBlockValue(value: YamlValue, column: number, quote: Quote | undefined): string {
    if (!Array.isArray(value) && (value === null || typeof value !== 'object')) return ' ' + this.renderScalar(value, quote, false);
    if (Array.isArray(value)) {
      if (value.length === 0) return ' []';
      const dash = column + this.sequenceIndent();
      return value.map((item) => this.eol + ' '.repeat(dash) + '-' + this.renderSeqItem(item, dash, undefined)).join('');
    }
    const entries = Object.entries(value);
    if (entries.length === 0) return ' {}';
    const inner = column + this.indentUnit();
    return entries.map(([k, v]) => this.eol + ' '.repeat(inner) + this.renderKey(k, undefined) + ':' + this.renderBlockValue(v, inner, undefined)).join('');
  }

  /** What follows `-` in a block sequence whose dash is at `dash`. */
  private renderSeqItem(value: YamlValue, dash: number, quote: Quote | undefined): string {
    if (value === null || typeof value !== 'object' || Array.isArray(value))
      return ' ' + (Array.isArray(value) ? this.renderFlow(value, undefined) : this.renderScalar(value, quote, false));
    const entries = Object.entries(value);
    if (entries.length === 0) return ' {}';
    const column = dash + 2;
    return entries
      .map(([k, v], i) => (i === 0 ? ' ' : this.eol + ' '.repeat(column)) + this.renderKey(k, undefined) + ':' + this.renderBlockValue(v, column, undefined))
      .join('');
  }

  private renderFlow(value: YamlValue, quote: Quote | undefined): string {
    if (Array.isArray(value)) return `[${value.map((v) => this.renderFlow(v, undefined)).join(', ')}]`;
    if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      if (entries.length === 0) return '{}';
      const pad = this.flowPadding();
      return `{${pad}${entries.map(([k, v]) => `${this.renderScalar(k, undefined, true)}: ${this.renderFlow(v, undefined)}`).join(', ')}${pad}}`;
    }
    return this.renderScalar(value, quote, true);
  }
}

function isScalarValue(value: YamlValue): value is string | number | boolean | null {
  return value === null || typeof value !== 'object';
}

/** No value, or a null scalar with nothing on it (`key:`, `key: ~`, `key: null`; not `key: &a` or `!!null`). */
function isNullScalar(node: unknown): boolean {
  if (node === null || node === undefined) return true;
  return isScalar(node) && node.value === null && !node.anchor && !node.tag && node.type === Scalar.PLAIN;
}

function quoteOf(node: Scalar<unknown>): Quote {
  return node.type === Scalar.QUOTE_DOUBLE ? 'double' : node.type === Scalar.QUOTE_SINGLE ? 'single' : 'plain';
}

/** The quoting the string values of a collection share, if they all share one. */
function siblingQuote(collection: YamlCollection): Quote | undefined {
  const styles = new Set<Quote>();
  for (const item of collection.items as unknown[]) {
    const value = isPair(item) ? item.value : item;
    if (isScalar(value) && typeof value.value === 'string') styles.add(quoteOf(value));
  }
  return styles.size === 1 ? [...styles][0] : undefined;
}

const plainCache = new Map<string, boolean>();

/** Whether a string can be written plain and read back as the same string, by YAML 1.1 (go-yaml) and 1.2 readers. */
function isPlainSafe(value: string, flow: boolean): boolean {
  if (value === '' || value !== value.trim() || /[\n\r\t]/.test(value)) return false;
  const key = `${flow ? 'f' : 'b'}${value}`;
  let safe = plainCache.get(key);
  if (safe === undefined) {
    safe = (['1.1', '1.2'] as const).every((version) => {
      const doc = parseDocument(flow ? `[${value}]` : `k: ${value}`, { version, uniqueKeys: false });
      if (doc.errors.length > 0 || doc.warnings.length > 0) return false;
      // An alias such as `*x` resolves to nothing here and throws: not plain-safe.
      let read: unknown;
      try {
        read = doc.toJS();
      } catch {
        return false;
      }
      return flow ? Array.isArray(read) && read.length === 1 && read[0] === value : (read as Record<string, unknown>)?.k === value;
    });
    if (plainCache.size > 1000) plainCache.clear();
    plainCache.set(key, safe);
  }
  return safe;
}
