import { Composer, Parser, isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode, type ScalarTag } from 'yaml';
import { aliasTarget } from './anchors.js';
import type { Diagnostic } from './diagnostic.js';
import { map, pair, scalar, seq, type Loc, type MapNode, type Node, type Pair, type ScalarNode } from './node.js';
import { SourceFile } from './source-file.js';

/** Tags Compose gives a meaning to; any other local tag is reported. */
const COMPOSE_TAGS = new Set(['!reset', '!override']);

/**
 * go-yaml (and so Docker Compose) reads a leading-zero integer such as `0440` as
 * octal; YAML 1.2's core schema would read it as decimal. File modes are written
 * that way, so we follow Compose.
 */
const legacyOctal: ScalarTag = {
  identify: (value) => typeof value === 'number',
  default: true,
  tag: 'tag:yaml.org,2002:int',
  test: /^[-+]?0[0-7]+$/,
  resolve: (source) => parseInt(source, 8),
};

const PARSE_OPTIONS = {
  version: '1.2',
  merge: true,
  // Duplicate keys are found by the converter: the yaml package's own check compares every key with every other (quadratic).
  uniqueKeys: false,
  prettyErrors: false,
  strict: true,
  customTags: (tags: unknown[]) => [legacyOctal, ...tags],
} as const;

/** Documents nested deeper than this are hostile or broken; Compose files are a few levels deep. */
export const MAX_DEPTH = 200;

export interface ParsedYaml {
  file: SourceFile;
  /** One located tree per non-empty YAML document, in order. */
  documents: Node[];
  diagnostics: Diagnostic[];
  /** The `yaml` package's documents, kept for edits that must preserve formatting. */
  yamlDocuments: Document.Parsed[];
}

export interface ParseYamlOptions {
  /** Upper bound on values copied by alias expansion, against alias bombs. */
  maxExpandedNodes?: number;
}

/** What a file that is not UTF-8 is reported with (a compose file's under yaml-syntax, an env file's under compose-load). */
export const NOT_UTF8 = 'The file is not valid UTF-8 text (YAML requires Unicode); it was not parsed.';

/** Decodes file bytes: strips a BOM, and reports invalid UTF-8 instead of guessing. */
export function decodeText(path: string, bytes: Uint8Array): { file: SourceFile; diagnostic?: Diagnostic } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const lossy = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    const at = Math.max(0, lossy.indexOf('\uFFFD'));
    const file = new SourceFile(path, lossy);
    return {
      file,
      diagnostic: {
        ruleId: 'yaml-syntax',
        severity: 'error',
        message: NOT_UTF8,
        loc: file.loc(at, at + 1),
      },
    };
  }
  return { file: new SourceFile(path, text) };
}

/** The `yaml` package's documents of a text, with Compose's options; a parser exception (never expected) as `error`. */
export function composeDocuments(text: string): { documents: Document.Parsed[]; error?: Error } {
  const documents: Document.Parsed[] = [];
  const composer = new Composer(PARSE_OPTIONS as never);
  const parser = new Parser();
  try {
    for (const doc of composer.compose(parser.parse(text), true, text.length)) documents.push(doc as Document.Parsed);
  } catch (error) {
    return { documents, error: error as Error };
  }
  return { documents };
}

/** Characters YAML does not allow in a file. */
export const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Parses every YAML document of a file into located trees; every YAML error is a diagnostic at its own position. */
export function parseYaml(file: SourceFile, options: ParseYamlOptions = {}): ParsedYaml {
  return parseYamlTracked(file, options).parsed;
}

/** What an edit could change beyond the lines it touches: the anchors aliases copy, and how much alias expansion used of its budget. */
export interface AliasUse {
  /** Where the last node carrying an anchor ends (-1: none). */
  anchorsEnd: number;
  /** Values copied through aliases (bounded by `expansionBudget`). */
  expanded: number;
}

/** How many values alias expansion may copy in a text, against alias bombs. */
export const expansionBudget = (text: string) => 200_000 + text.length * 2;

/** parseYaml, and its use of anchors and aliases. */
export function parseYamlTracked(file: SourceFile, options: ParseYamlOptions = {}): { parsed: ParsedYaml; aliasUse: AliasUse } {
  const diagnostics: Diagnostic[] = [];
  const text = file.text;
  const { documents: yamlDocuments, error } = composeDocuments(text);
  // The yaml package catches stack overflows itself; anything else still must not escape.
  if (error) diagnostics.push(syntax(file, 0, 0, `The YAML could not be parsed: ${error.message}`));

  const control = CONTROL_CHARACTER.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    diagnostics.push(syntax(file, control.index, control.index + 1, `The file contains the control character U+${code}, which YAML does not allow.`));
  }

  const documents: Node[] = [];
  let anchorsEnd = -1;
  const stackOverflows: [number, number][] = [];
  let cascade: Diagnostic | undefined;
  let cascadeEnd = 0;
  const allowed = options.maxExpandedNodes ?? expansionBudget(text);
  const budget: Budget = { remaining: allowed, tooDeep: false };
  for (const doc of yamlDocuments) {
    for (const error of doc.errors) {
      // The parser gives up on very deep nesting with a stack overflow: say so once, plainly.
      if (/call stack/i.test(error.message)) {
        stackOverflows.push(error.pos);
        continue;
      }
      // After one unexpected token the parser reads nothing more of the document: every later token is
      // "unexpected" too. One finding at the cause, saying how far the damage goes, replaces that cascade.
      const previous = diagnostics[diagnostics.length - 1];
      if (error.code === 'UNEXPECTED_TOKEN' && previous && cascade === previous) {
        cascadeEnd = error.pos[1];
        continue;
      }
      if (cascade && cascadeEnd > cascade.loc.end) cascade.message += ` Everything after it, up to line ${file.position(cascadeEnd).line}, could not be read.`;
      const diagnostic = syntax(file, error.pos[0], error.pos[1], cleanMessage(error.message));
      PARSER_ERRORS.add(diagnostic);
      diagnostics.push(diagnostic);
      cascade = error.code === 'UNEXPECTED_TOKEN' ? diagnostic : undefined;
      cascadeEnd = 0;
    }
    if (cascade && cascadeEnd > cascade.loc.end) cascade.message += ` Everything after it, up to line ${file.position(cascadeEnd).line}, could not be read.`;
    cascade = undefined;
    for (const warning of doc.warnings) {
      if (warning.code === 'TAG_RESOLVE_FAILED' && COMPOSE_TAGS.has(text.slice(warning.pos[0], warning.pos[1]))) continue;
      diagnostics.push({ ...syntax(file, warning.pos[0], warning.pos[1], cleanMessage(warning.message)), severity: 'warning' });
    }
    if (doc.contents === null) continue;
    const converter = new Converter(file, doc, diagnostics, budget);
    documents.push(converter.convert(doc.contents as YamlNode, 0));
    anchorsEnd = Math.max(anchorsEnd, converter.anchorsEnd);
  }
  // Where the converter met level 200 is more telling than where the parser's stack ran out.
  if (stackOverflows.length > 0 && !budget.tooDeep) diagnostics.push(syntax(file, stackOverflows[0][0], stackOverflows[0][1], TOO_DEEP));
  return { parsed: { file, documents, diagnostics, yamlDocuments }, aliasUse: { anchorsEnd, expanded: allowed - budget.remaining } };
}

/**
 * One node of a parsed document as a located tree, `depth` levels down, for a text parsed
 * in part (see reparse.ts): the diagnostics it found, and whether it met an alias.
 */
export function convertNode(
  file: SourceFile,
  doc: Document.Parsed,
  node: YamlNode,
  depth: number,
): { node: Node; diagnostics: Diagnostic[]; aliasUse: AliasUse } {
  const diagnostics: Diagnostic[] = [];
  const allowed = expansionBudget(file.text);
  const budget = { remaining: allowed, tooDeep: false };
  const converter = new Converter(file, doc, diagnostics, budget);
  const converted = converter.convert(node, depth);
  return { node: converted, diagnostics, aliasUse: { anchorsEnd: converter.anchorsEnd, expanded: allowed - budget.remaining } };
}

const PARSER_ERRORS = new WeakSet<Diagnostic>();

/**
 * Whether a diagnostic is an error of the YAML parser itself (not a duplicate key or an alias
 * problem found on a tree that was read): where one is, the tree is only the parser's guess.
 */
export function isParserError(diagnostic: Diagnostic): boolean {
  return PARSER_ERRORS.has(diagnostic);
}

const TOO_DEEP = `The document nests deeper than ${MAX_DEPTH} levels; deeper values are ignored.`;

interface Budget {
  /** Values alias expansion may still copy. */
  remaining: number;
  /** Deep nesting is reported once per file. */
  tooDeep: boolean;
}

function syntax(file: SourceFile, start: number, end: number, message: string): Diagnostic {
  // An error "at the end of the input" (an unclosed `{`) comes one past the last character: keep it in the file.
  const from = Math.min(start, file.text.length);
  return { ruleId: 'yaml-syntax', severity: 'error', message, loc: file.loc(from, Math.min(Math.max(from, end), file.text.length)) };
}

function cleanMessage(message: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return first.endsWith('.') ? first : `${first}.`;
}

class Converter {
  constructor(
    private readonly file: SourceFile,
    private readonly doc: Document.Parsed,
    private readonly diagnostics: Diagnostic[],
    private readonly budget: Budget,
  ) {}

  private loc(node: { range?: [number, number, number] | null }): Loc | undefined {
    const range = node.range;
    return range ? this.file.loc(range[0], range[1]) : undefined;
  }

  private localTag(node: YamlNode): string | undefined {
    return node.tag && COMPOSE_TAGS.has(node.tag) ? node.tag : undefined;
  }

  /** What an alias inside its own anchor's value reads as: reported once, at the alias, not again by `<<`. */
  private readonly selfContaining = new WeakSet<Node>();

  /** The alias written in the document whose expansion is being copied, if any. */
  private outerAlias: Loc | undefined;

  /** Where the last node carrying an anchor, written in the document (not copied), ends; -1: none. */
  anchorsEnd = -1;

  convert(node: YamlNode, depth: number, aliasDepth = 0): Node {
    // Only values copied through aliases count: plain values are bounded by the file's size.
    if (aliasDepth > 0 && --this.budget.remaining < 0) {
      if (this.budget.remaining === -1) {
        // At the alias in the document that set the expansion off, not somewhere inside the anchors.
        const at = this.outerAlias ?? this.loc(node);
        this.diagnostics.push(
          syntax(this.file, at?.start ?? 0, at?.end ?? 0, 'Aliases expand to too many values (an alias bomb?); the rest of the document is ignored.'),
        );
      }
      return scalar(null, this.loc(node));
    }
    if (depth > MAX_DEPTH) {
      const loc = this.loc(node);
      if (!this.budget.tooDeep) this.diagnostics.push(syntax(this.file, loc?.start ?? 0, loc?.end ?? 0, TOO_DEEP));
      this.budget.tooDeep = true;
      return scalar(null, loc);
    }
    if (aliasDepth === 0 && node.anchor && node.range) this.anchorsEnd = Math.max(this.anchorsEnd, node.range[2]);
    if (isAlias(node)) {
      const target = aliasTarget(this.doc, node);
      if (!target) {
        const loc = this.loc(node);
        this.diagnostics.push(syntax(this.file, loc?.start ?? 0, loc?.end ?? 0, `Unknown anchor: *${node.source} refers to no &${node.source} before it.`));
        return scalar(null, loc);
      }
      // An alias inside the node it names would make that node contain itself, without end (go-yaml:
      // "anchor … value contains itself"); every cycle of aliases has one such alias.
      const [aliasStart, aliasEnd] = node.range ?? [0, 0];
      if (target.range && target.range[0] <= aliasStart && aliasEnd <= target.range[1]) {
        if (aliasDepth === 0) {
          const loc = this.loc(node);
          this.diagnostics.push(
            syntax(
              this.file,
              loc?.start ?? 0,
              loc?.end ?? 0,
              `The alias *${node.source} is inside the value of &${node.source}: that value would contain itself.`,
            ),
          );
        }
        const empty = scalar(null, this.loc(node));
        this.selfContaining.add(empty);
        return empty;
      }
      if (aliasDepth > MAX_DEPTH) return scalar(null, this.loc(node));
      if (aliasDepth > 0) return this.convert(target as YamlNode, depth, aliasDepth + 1);
      this.outerAlias = this.loc(node);
      try {
        return this.convert(target as YamlNode, depth, 1);
      } finally {
        this.outerAlias = undefined;
      }
    }
    if (isScalar(node)) {
      let value = node.value;
      if (typeof value === 'bigint') value = Number(value);
      else if (value instanceof Uint8Array || value instanceof Date) value = String(node.source ?? value);
      else if (value !== null && typeof value === 'object') value = String(value);
      return scalar(value as string | number | boolean | null, this.loc(node), this.localTag(node));
    }
    if (isSeq(node)) {
      return seq(
        node.items.map((item) => this.convert(item as YamlNode, depth + 1, aliasDepth)),
        this.loc(node),
        this.localTag(node),
      );
    }
    if (isMap(node)) return this.convertMap(node, depth, aliasDepth);
    return scalar(null, this.loc(node));
  }

  private convertMap(node: YamlNode & { items: unknown[] }, depth: number, aliasDepth: number): MapNode {
    const result = map(undefined, this.loc(node), this.localTag(node));
    const merged: Pair[] = [];
    let firstOfRepeated: Map<string, number> | undefined;
    let firstMerge: number | undefined;
    for (const item of node.items) {
      if (!isPair(item)) continue;
      const keyNode = item.key as YamlNode | null;
      if (isScalar(keyNode) && typeof keyNode.value === 'symbol') {
        // go-yaml refuses a second `<<` in one mapping (Docker Compose: mapping key "<<" already defined).
        const keyLoc = this.loc(keyNode);
        if (firstMerge === undefined) firstMerge = keyLoc?.start ?? 0;
        else if (aliasDepth === 0 && keyLoc) {
          const line = this.file.position(firstMerge).line;
          this.diagnostics.push(
            syntax(
              this.file,
              keyLoc.start,
              keyLoc.end,
              `Duplicate merge key "<<" (first on line ${line}): Docker Compose refuses it; merge several mappings with one key, <<: [*a, *b].`,
            ),
          );
        }
        // `<<: *anchor` or `<<: [*a, *b]`: explicit keys win, then earlier sources over later ones.
        const sources = isSeq(item.value) ? item.value.items : [item.value];
        for (const source of sources) {
          const converted = source ? this.convert(source as YamlNode, depth + 1, aliasDepth) : undefined;
          if (converted?.kind === 'map') merged.push(...converted.entries.values());
          else if (source && !(converted && this.selfContaining.has(converted))) {
            const loc = this.loc(source as YamlNode);
            this.diagnostics.push(syntax(this.file, loc?.start ?? 0, loc?.end ?? 0, 'A merge key (<<) must reference a mapping or a list of mappings.'));
          }
        }
        continue;
      }
      const key = this.convertKey(keyNode);
      if (!key) continue;
      const name = String(key.value);
      const earlier = result.entries.get(name);
      if (earlier?.key.loc && key.loc) {
        // At a key's first repetition the entry replaced is its first; later ones replace a repetition.
        firstOfRepeated ??= new Map();
        if (!firstOfRepeated.has(name)) firstOfRepeated.set(name, earlier.key.loc.start);
        const line = this.file.position(firstOfRepeated.get(name)!).line;
        this.diagnostics.push(syntax(this.file, key.loc.start, key.loc.end, `Duplicate key "${key.value}" (first set on line ${line}); the later value wins.`));
      }
      const valueNode = item.value as YamlNode | null;
      const value = valueNode
        ? this.convert(valueNode, depth + 1, aliasDepth)
        : scalar(null, key.loc ? { file: key.loc.file, start: key.loc.end, end: key.loc.end } : undefined);
      // The later value of a duplicate key wins (reported above).
      result.entries.set(name, pair(key, value));
    }
    for (const p of merged) {
      const name = String(p.key.value);
      if (!result.entries.has(name)) result.entries.set(name, p);
    }
    return result;
  }

  private convertKey(keyNode: YamlNode | null): ScalarNode | undefined {
    if (keyNode === null) return undefined;
    if (keyNode.anchor && keyNode.range) this.anchorsEnd = Math.max(this.anchorsEnd, keyNode.range[2]);
    const resolved = isAlias(keyNode) ? aliasTarget(this.doc, keyNode) : keyNode;
    if (resolved && isScalar(resolved)) {
      const value = resolved.value;
      return scalar(value === null ? '' : String(value), this.loc(keyNode));
    }
    const loc = this.loc(keyNode);
    this.diagnostics.push(syntax(this.file, loc?.start ?? 0, loc?.end ?? 0, 'A mapping key must be a plain value, not a mapping or a list.'));
    return undefined;
  }
}
