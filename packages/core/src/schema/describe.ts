/**
 * Wording shared by the schema checks: key paths in Compose's dotted form,
 * plain-word type names, and did-you-mean suggestions.
 */
import { distance } from 'fastest-levenshtein';
import type { Suggestion } from '../source/diagnostic.js';
import type { Loc, Node } from '../source/node.js';
import { joinWords } from '../text/lists.js';

/** A key of a mapping (string) or an index into a list (number). */
export type PathSegment = string | number;

/** Long names (a whole paragraph parsed as a key) are cut so a message stays one readable line. */
export function brief(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Keys that read unambiguously after a dot; others (e.g. `com.example.label`, `my web`) are quoted in brackets. */
const PLAIN_KEY = /^[A-Za-z0-9_-]+$/;

/** `services.web.ports[0].published`; `services["web.v2"].image` when a key holds a dot or a space. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(brief(segment))}]`;
  }
  return out;
}

/** What a message calls the value at `path`: its dotted path, or the file itself at the top. */
export function subject(path: readonly PathSegment[]): string {
  return path.length === 0 ? 'The Compose file' : formatPath(path);
}

const TYPE_PHRASES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  object: 'a mapping',
  array: 'a list',
  null: 'empty',
};

/** "a, b or c". */
export function joinAlternatives(items: readonly string[]): string {
  return joinWords(items, 'or');
}

/** JSON Schema type names as the alternatives a user may write: "a string, a list or empty". */
export function expectedTypes(types: readonly string[]): string {
  const unique = [...new Set(types)];
  // "a number or an integer" says no more than "a number".
  const simplified = unique.includes('number') ? unique.filter((t) => t !== 'integer') : unique;
  // "empty" reads best last: "a mapping or empty".
  const ordered = [...simplified.filter((t) => t !== 'null'), ...simplified.filter((t) => t === 'null')];
  return joinAlternatives(ordered.map((t) => TYPE_PHRASES[t] ?? t));
}

/** What a located value is, in the same words: "a list", "a number", "empty". */
export function describeNode(node: Node | undefined): string {
  if (!node) return 'missing';
  if (node.kind === 'seq') return TYPE_PHRASES.array;
  if (node.kind === 'map') return TYPE_PHRASES.object;
  if (node.value === null) return TYPE_PHRASES.null;
  return TYPE_PHRASES[typeof node.value];
}

/**
 * The candidate a misspelling most likely meant, if one is close enough: one
 * edit for words of up to four letters, two for most keys, three for long ones.
 * Case is ignored, and two swapped neighbours count as one edit ("hots" → "host").
 */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const lower = word.toLowerCase();
  const budget = lower.length <= 4 ? 1 : lower.length <= 12 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = typoDistance(lower, candidate.toLowerCase());
    if (d < bestDistance && candidate !== word) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= budget ? best : undefined;
}

/** Levenshtein distance, except that one swap of adjacent letters costs 1 (Levenshtein counts 2). */
function typoDistance(a: string, b: string): number {
  if (a.length === b.length) {
    const differing = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
    const [i, j] = differing;
    if (differing.length === 2 && j === i + 1 && a[i] === b[j] && a[j] === b[i]) return 1;
  }
  return distance(a, b);
}

/** `; did you mean "x"?` or nothing. */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : `; did you mean "${match}"?`;
}

/** Values still holding `${VAR}` or `$VAR` were not interpolated; their final form is unknown. */
export function isUninterpolated(value: string): boolean {
  return /\$(\{|[A-Za-z_])/.test(value);
}

const YAML_SPECIAL = /^(y|n|yes|no|on|off|true|false|null|~)$/i;

/**
 * The suggestion writing a did-you-mean's match in place of a misspelled key or value, when it is
 * written plain (its location spans exactly the text) and the match reads back as the same string.
 */
export function replacementSuggestion(written: string, match: string | undefined, loc: Loc): Suggestion[] | undefined {
  if (match === undefined || loc.end - loc.start !== written.length || !/^[A-Za-z][A-Za-z0-9_.-]*$/.test(match) || YAML_SPECIAL.test(match)) return undefined;
  return [{ message: `Change "${written}" to "${match}"`, fix: { edits: [{ start: loc.start, end: loc.end, text: match }] } }];
}
