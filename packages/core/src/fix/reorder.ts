/**
 * Block moves for fixes that put the entries of a written YAML collection in
 * another order (the style rules' sorting fixes). Everything is computed on the
 * text and the `yaml` package's document of the file, never by re-serialising:
 *
 * - In a block collection each item moves with the lines that belong to it: the
 *   comment lines directly above it (no blank line between, indented no deeper
 *   than the item), its own lines (with the comment at the end of its last line),
 *   and the comment lines after it that are indented deeper than the item (a
 *   commented-out nested key). Blank lines, and comment lines separated from the
 *   next item by a blank line, stay where they are, so the layout of the
 *   collection (one blank line between services, a section comment) is kept. The
 *   comment lines above the first entry of a document are the file's header: they
 *   stay at the top too.
 * - In a flow collection (`{b: 1, a: 2}`, `[db, cache]`) the items trade places
 *   and the separators stay; a flow collection holding a comment is not reordered.
 * - Nothing moves when an alias would then come before its anchor (or name another
 *   anchor of the same name): the result would not be the same YAML.
 *
 * The result is `[]` when the order asked for is the current one, and `undefined`
 * when the collection cannot be reordered safely (an item sharing a line with its
 * parent, `- key: value`; an explicit `? key`; a block scalar with `+` keep
 * chomping, which owns the blank lines after it; an alias conflict): a rule then
 * reports without a fix.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, visit, type Document, type YAMLMap, type YAMLSeq } from 'yaml';
import type { TextEdit } from '../source/diagnostic.js';
import { lineEndingOf } from './apply.js';

/** A written mapping or sequence of the `yaml` package. */
export type YamlCollectionNode = YAMLMap<unknown, unknown> | YAMLSeq<unknown>;

type Range = [number, number, number];

const rangeOf = (node: unknown): Range | undefined => {
  const range = (node as { range?: Range | null } | null | undefined)?.range;
  return range ?? undefined;
};

/**
 * The edits that put the items of `collection` (a mapping's pairs or a sequence's items,
 * as written in `text`, which `doc` was parsed from) in a new order: `order[k]` is the
 * index, in `collection.items`, of the item that goes to place `k`.
 */
export function reorderItems(text: string, doc: Document, collection: YamlCollectionNode, order: readonly number[]): TextEdit[] | undefined {
  const items = collection.items as unknown[];
  const n = items.length;
  if (order.length !== n || new Set(order).size !== n || order.some((i) => !Number.isInteger(i) || i < 0 || i >= n)) return undefined;
  if (order.every((i, k) => i === k)) return [];
  const chunks = collection.flow ? flowChunks(text, collection) : blockChunks(text, doc, collection);
  if (!chunks) return undefined;

  // The new text of the span from the first chunk to the last: chunks in their new places, what lies between them kept.
  const last = chunks[n - 1];
  const lastHasEol = collection.flow || /\r?\n$|\r$/.test(text.slice(last.start, last.end));
  let out = '';
  const newStarts: number[] = new Array(n);
  const base = chunks[0].start;
  for (let k = 0; k < n; k++) {
    const chunk = chunks[order[k]];
    let piece = text.slice(chunk.start, chunk.end);
    // Only the last line of the file can lack a line break: it gets the file's own.
    if (!collection.flow && !/\r?\n$|\r$/.test(piece)) piece += lineEndingOf(text);
    newStarts[order[k]] = base + out.length;
    out += piece;
    if (k < n - 1) out += text.slice(chunks[k].end, chunks[k + 1].start);
  }
  // The last line of the file had no line break: neither has the item now last.
  if (!lastHasEol) out = out.replace(/(\r\n|\n|\r)$/, '');
  if (out === text.slice(base, last.end)) return [];
  if (!aliasesStillResolve(doc, collection, chunks, newStarts)) return undefined;
  return [trimmedEdit(text, base, last.end, out)];
}

interface Chunk {
  /** First character of what moves with the item. */
  start: number;
  /** After its last character (after the line break of its last line, in a block collection). */
  end: number;
}

// ——— block collections ———

/** The line index of the last text reordered: a rule reorders many collections of one file. */
let cachedLines: Lines | undefined;

function blockChunks(text: string, doc: Document, collection: YamlCollectionNode): Chunk[] | undefined {
  const lines = cachedLines?.text === text ? cachedLines : (cachedLines = new Lines(text));
  const items = collection.items as unknown[];
  const starts: number[] = [];
  const columns: number[] = [];
  const lastLines: number[] = [];
  for (const item of items) {
    const first = blockItemStart(text, item, isSeq(collection));
    const end = contentEnd(text, item);
    if (!first || end === undefined || !(end > first.offset) || endsWithKeptBlockScalar(text, item)) return undefined;
    starts.push(first.offset);
    columns.push(first.column);
    lastLines.push(lines.lineOf(end - 1));
  }
  const firstLines = starts.map((s) => lines.lineOf(s));
  for (let i = 1; i < items.length; i++) if (firstLines[i] <= lastLines[i - 1]) return undefined;

  const chunks: Chunk[] = [];
  for (let i = 0; i < items.length; i++) {
    const column = columns[i];
    // Lead: the comment lines directly above the item, indented no deeper than it. Those above the first
    // entry of a document are the file's header: they stay at the top.
    const floor = i === 0 ? (doc.contents === collection ? firstLines[0] - 1 : -1) : lastLines[i - 1];
    let leadLine = firstLines[i];
    while (leadLine - 1 > floor && lines.commentIndent(leadLine - 1) !== undefined && lines.commentIndent(leadLine - 1)! <= column) leadLine--;
    // Tail: up to the last comment line indented deeper than the item, before the next item's lead.
    const ceiling = i === items.length - 1 ? lines.count : firstLines[i + 1];
    let tailLine = lastLines[i];
    for (let line = lastLines[i] + 1; line < ceiling; line++) {
      const indent = lines.commentIndent(line);
      if (indent !== undefined && indent > column) tailLine = line;
      else if (indent !== undefined || !lines.isBlank(line)) break;
    }
    chunks.push({ start: lines.start(leadLine), end: lines.endWithBreak(tailLine) });
  }
  // A lead cannot reach into the previous item's tail: both stop at comment indentation, but make sure.
  for (let i = 1; i < chunks.length; i++) if (chunks[i].start < chunks[i - 1].end) return undefined;
  return chunks;
}

/** Where a block item's lines start: its key (a mapping) or its `-` (a sequence), alone on its line but for properties. */
function blockItemStart(text: string, item: unknown, inSeq: boolean): { offset: number; column: number } | undefined {
  const node = inSeq ? item : isPair(item) ? item.key : undefined;
  const start = rangeOf(node)?.[0];
  if (start === undefined) return undefined;
  let lineStart = start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const before = text.slice(lineStart, start);
  // `- ` then anchors/tags (a sequence item), or only anchors/tags (a key): nothing of another item on the line.
  const match = (inSeq ? /^( *)-[ \t]+(?:[&!][^ \t]*[ \t]+)*$/ : /^( *)(?:[&!][^ \t]*[ \t]+)*$/).exec(before);
  if (!match) return undefined;
  return { offset: lineStart + match[1].length, column: match[1].length };
}

/** Line arithmetic on a text: 0-based lines, any of `\n`, `\r\n`, `\r` ending them. */
class Lines {
  private readonly starts: number[] = [0];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  get count(): number {
    return this.starts.length;
  }

  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  start(line: number): number {
    return this.starts[line];
  }

  /** After the line break ending `line` (the end of the text on the last line). */
  endWithBreak(line: number): number {
    return line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
  }

  private content(line: number): string {
    const end = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length;
    return this.text.slice(this.starts[line], end).replace(/[\r\n]+$/, '');
  }

  isBlank(line: number): boolean {
    return this.content(line).trim() === '';
  }

  /** The indentation of a comment line, undefined for any other line. */
  commentIndent(line: number): number | undefined {
    const match = /^([ \t]*)#/.exec(this.content(line));
    return match ? match[1].length : undefined;
  }
}

// ——— flow collections ———

function flowChunks(text: string, collection: YamlCollectionNode): Chunk[] | undefined {
  const range = rangeOf(collection);
  if (!range) return undefined;
  const chunks: Chunk[] = [];
  for (const item of collection.items as unknown[]) {
    const start = rangeOf(isPair(item) ? item.key : item)?.[0];
    const end = contentEnd(text, item);
    if (start === undefined || end === undefined || !(end > start)) return undefined;
    // Properties before the item (`&a x`, `!tag x`) would stay behind: not reordered.
    let before = start - 1;
    while (before > range[0] && /\s/.test(text[before])) before--;
    if (text[before] !== ',' && text[before] !== '[' && text[before] !== '{') return undefined;
    chunks.push({ start, end });
  }
  // Comments inside the collection belong to no item: leave such a collection alone.
  const between = [
    text.slice(range[0], chunks[0]?.start ?? range[0]),
    ...chunks.slice(1).map((c, i) => text.slice(chunks[i].end, c.start)),
    text.slice(chunks[chunks.length - 1]?.end ?? range[0], range[1]),
  ];
  if (between.some((s) => s.includes('#'))) return undefined;
  return chunks;
}

// ——— shared ———

/**
 * After the last character an item's content is written with: comments and trailing whitespace
 * excluded. NaN for content nested too deep to move safely (the loader refuses such files anyway).
 */
function contentEnd(text: string, node: unknown, depth = 0): number | undefined {
  if (depth > 250) return Number.NaN;
  if (node === null || node === undefined) return undefined;
  if (isPair(node)) {
    const keyEnd = contentEnd(text, node.key, depth + 1);
    const valueEnd = contentEnd(text, node.value, depth + 1);
    if (keyEnd === undefined) return valueEnd;
    return valueEnd === undefined ? keyEnd : Math.max(keyEnd, valueEnd);
  }
  const range = rangeOf(node);
  if (!range) return undefined;
  if ((isMap(node) || isSeq(node)) && !node.flow) {
    let end: number | undefined;
    for (const item of node.items as unknown[]) {
      const e = contentEnd(text, item, depth + 1);
      if (Number.isNaN(e)) return e;
      if (e !== undefined && (end === undefined || e > end)) end = e;
    }
    return end;
  }
  if (range[1] <= range[0]) return undefined;
  let end = range[1];
  while (end > range[0] && /[ \t\r\n]/.test(text[end - 1])) end--;
  return end;
}

/** A block scalar with `+` (keep) chomping owns the blank lines after it: moving it would change it or its neighbour. */
function endsWithKeptBlockScalar(text: string, node: unknown): boolean {
  let kept = false;
  const check = (n: unknown) => {
    if (!isScalar(n) || (n.type !== Scalar.BLOCK_LITERAL && n.type !== Scalar.BLOCK_FOLDED)) return;
    const start = rangeOf(n)?.[0];
    if (start !== undefined && (/^[|>][-+0-9]*/.exec(text.slice(start, start + 4))?.[0].includes('+') ?? false)) kept = true;
  };
  if (isPair(node)) {
    check(node.key);
    check(node.value);
  } else check(node);
  if (!kept && (isPair(node) || isMap(node) || isSeq(node))) {
    visit(node as never, {
      Scalar: (_key, n) => {
        check(n);
        return kept ? visit.BREAK : undefined;
      },
    });
  }
  return kept;
}

interface AnchorUse {
  name: string;
  node: unknown;
  start: number;
}

/** Every anchor and alias of a document, found once per document. */
const anchorsOf = new WeakMap<Document, { anchors: AnchorUse[]; aliases: AnchorUse[] }>();

function anchorUses(doc: Document): { anchors: AnchorUse[]; aliases: AnchorUse[] } {
  let uses = anchorsOf.get(doc);
  if (!uses) {
    const found = { anchors: [] as AnchorUse[], aliases: [] as AnchorUse[] };
    visit(doc, (_key, node) => {
      const start = rangeOf(node)?.[0];
      if (start === undefined) return;
      if (isAlias(node)) found.aliases.push({ name: node.source, node, start });
      else {
        const anchor = (node as { anchor?: string }).anchor;
        if (anchor) found.anchors.push({ name: anchor, node, start });
      }
    });
    anchorsOf.set(doc, (uses = found));
  }
  return uses;
}

/**
 * Whether every alias of the document still names the anchor it named before, once the
 * items have moved: the anchor it follows closest among those of its name.
 */
function aliasesStillResolve(doc: Document, collection: YamlCollectionNode, chunks: Chunk[], newStarts: number[]): boolean {
  const { anchors, aliases } = anchorUses(doc);
  if (aliases.length === 0) return true;
  // Where each moved node goes: the nodes inside item `i` move by newStarts[i] - chunks[i].start.
  const shift = new Map<unknown, number>();
  (collection.items as unknown[]).forEach((item, i) => {
    const delta = newStarts[i] - chunks[i].start;
    if (delta === 0) return;
    const mark = (node: unknown) => {
      if (node !== collection) shift.set(node, delta);
    };
    if (isPair(item)) {
      mark(item.key);
      mark(item.value);
    } else mark(item);
    if (isPair(item) || isMap(item) || isSeq(item)) visit(item as never, (_key, node) => void mark(node));
  });
  // Only the names an anchor or alias that moves carries can resolve otherwise.
  const names = new Set([...anchors, ...aliases].filter((u) => shift.has(u.node)).map((u) => u.name));
  if (names.size === 0) return true;
  const after = (u: AnchorUse) => u.start + (shift.get(u.node) ?? 0);
  const resolve = (name: string, at: number, where: (u: AnchorUse) => number) => {
    let found: unknown;
    let foundAt = -1;
    for (const anchor of anchors) {
      const position = where(anchor);
      if (anchor.name === name && position < at && position > foundAt) {
        found = anchor.node;
        foundAt = position;
      }
    }
    return found;
  };
  return aliases
    .filter((a) => names.has(a.name))
    .every((alias) => resolve(alias.name, after(alias), after) === resolve(alias.name, alias.start, (u) => u.start));
}

/** One edit replacing [start, end) with `text`, trimmed to the whole lines that differ. */
function trimmedEdit(original: string, start: number, end: number, text: string): TextEdit {
  const old = original.slice(start, end);
  let prefix = 0;
  const max = Math.min(old.length, text.length);
  while (prefix < max && old[prefix] === text[prefix]) prefix++;
  // Back to the start of the line the difference is on.
  while (prefix > 0 && !isLineStart(old, prefix)) prefix--;
  let suffix = 0;
  while (suffix < max - prefix && old[old.length - 1 - suffix] === text[text.length - 1 - suffix]) suffix++;
  // Forward to the start of a line so whole lines are replaced.
  while (suffix > 0 && !isLineStart(old, old.length - suffix)) suffix--;
  return { start: start + prefix, end: end - suffix, text: text.slice(prefix, text.length - suffix) };
}

/** Whether `offset` starts a line of `text` (never between the `\r` and `\n` of a CRLF). */
function isLineStart(text: string, offset: number): boolean {
  const before = text[offset - 1];
  return offset === 0 || before === '\n' || (before === '\r' && text[offset] !== '\n');
}
