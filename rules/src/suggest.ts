import { isScalar, isSeq } from 'yaml';
import {
  closestMatch,
  hostSpansInUrls,
  hostSpansInValue,
  yamlEditorFor,
  type Fix,
  type HostReference,
  type Loc,
  type Node,
  type Pair,
  type Project,
  type SuggestionDescriptor,
  type YamlValue,
} from '@composure/core/rule-kit';

/** `did you mean "x"?` when a candidate is close enough (core's did-you-mean, as the schema uses it), else `otherwise`. */
export function didYouMeanOr(name: string, candidates: Iterable<string>, otherwise: string): string {
  const match = closestMatch(name, candidates);
  return match === undefined ? otherwise : `did you mean "${match}"?`;
}

/** The message every did-you-mean suggestion is offered with: rules declare it as `rename`. */
export const RENAME_MESSAGE = 'Change "{{from}}" to "{{to}}"';

/**
 * A did-you-mean: the phrase for the finding's message, and, when a candidate is close enough, the
 * suggestion writing it in place of the name (see renameFix). A suggestion, never a fix: the
 * closest name is a guess.
 */
export function didYouMean(
  project: Project,
  name: string,
  candidates: Iterable<string>,
  otherwise: string,
  at: Loc | undefined,
  prefix = '',
): { suggestion: string; suggest?: SuggestionDescriptor<'rename'>[] } {
  const match = closestMatch(name, candidates);
  if (match === undefined) return { suggestion: otherwise };
  const fix = at && renameFix(project, at, name, match, prefix);
  return { suggestion: `did you mean "${match}"?`, ...(fix ? { suggest: [{ messageId: 'rename', data: { from: name, to: match }, fix }] } : {}) };
}

const NAME_CHAR = /[A-Za-z0-9._-]/;

/**
 * Writes `to` where `from` starts the value written at `loc` (a key, a list item, the source of a
 * short-syntax volume `data:/srv`), after `prefix` (`service:`) and inside its quotes if any. None when `from` is not written there
 * as it is (an alias, a variable, an escape) or `to` would need quoting.
 */
export function renameFix(project: Project, loc: Loc, from: string, to: string, prefix = ''): Fix | undefined {
  const text = project.files.get(loc.file)?.text;
  if (text === undefined || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(to)) return undefined;
  const written = text.slice(loc.start, loc.end);
  const at = (written[0] === '"' || written[0] === "'" ? 1 : 0) + prefix.length;
  if (!written.startsWith(prefix + from, at - prefix.length) || NAME_CHAR.test(written[at + from.length] ?? '')) return undefined;
  const start = loc.start + at;
  return { edits: [{ start, end: start + from.length, text: to }] };
}

/** The message of the suggestion removing a declaration: rules declare it as `remove`. */
export const REMOVE_MESSAGE = 'Remove the declaration of "{{name}}"';

/**
 * Removing a top-level declaration (`networks: spare:`) where the finding points, comments around it
 * kept: a suggestion, since the project may still mean to use it. None when an anchor there is
 * copied elsewhere or the entry cannot be removed safely.
 */
export function removeDeclaration(project: Project, entry: Pair): SuggestionDescriptor<'remove'>[] | undefined {
  const fix = removeEntryFix(project, entry);
  return fix ? [{ messageId: 'remove', data: { name: String(entry.key.value) }, fix }] : undefined;
}

/** A mapping entry removed where it is written, with its line(s); none when an anchor shares it. */
export function removeEntryFix(project: Project, entry: Pair): Fix | undefined {
  const loc = entry.key.loc;
  const editor = loc && yamlEditorFor(project, loc.file);
  const written = loc && editor?.pairAt(loc);
  if (!editor || !written || editor.isShared(written.pair)) return undefined;
  const edits = editor.removeEntry(written.map, written.pair);
  return edits?.length ? { edits } : undefined;
}

/** A written scalar replaced by `value`, its quoting kept; none when an anchor shares it, it is not a scalar as written, or it holds a variable. */
export function replaceWritten(project: Project, node: Node | undefined, value: string | number | boolean): Fix | undefined {
  const loc = node?.loc;
  const editor = loc && yamlEditorFor(project, loc.file);
  const written = loc && editor?.nodeAt(loc);
  if (!editor || !written || !isScalar(written) || editor.isShared(written) || project.files.get(loc.file)?.text.slice(loc.start, loc.end).includes('$'))
    return undefined;
  const edits = editor.replaceScalar(written, value);
  return edits?.length ? { edits } : undefined;
}

/**
 * `key: value` set in the mapping of a declaration or service (`pair`), written where its key is:
 * added, or replacing what is written. None when an anchor shares the mapping, or the pair is
 * written in another file than `file` (a fix edits the file of its finding).
 */
export function setEntryFix(project: Project, pair: Pair, key: string, value: YamlValue, file: string | undefined): Fix | undefined {
  const loc = pair.key.loc;
  if (!loc || loc.file !== file) return undefined;
  const editor = yamlEditorFor(project, loc.file);
  const written = editor?.pairAt(loc);
  if (!editor || !written || editor.isShared(written.pair) || editor.isShared(written.pair.value)) return undefined;
  const edits = editor.setEntry(written.pair, key, value);
  return edits?.length ? { edits } : undefined;
}

/**
 * The did-you-mean of a host named in an environment value (a URL's host, or a host-named
 * variable's value), with the suggestion writing the closest name in place of the host, where the
 * value is written (the compose file, or the env file of an `env_file` variable).
 */
export function didYouMeanHost(
  project: Project,
  reference: HostReference,
  candidates: Iterable<string>,
  otherwise: string,
): { suggestion: string; suggest?: SuggestionDescriptor<'rename'>[] } {
  const match = closestMatch(reference.host, candidates);
  if (match === undefined) return { suggestion: otherwise };
  const loc = reference.node.loc;
  const text = loc && project.files.get(loc.file)?.text;
  let fix: Fix | undefined;
  if (loc && text !== undefined && /^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(match)) {
    const written = text.slice(loc.start, loc.end);
    const quote = written[0] === '"' || written[0] === "'" ? 1 : 0;
    const inner = written.slice(quote, written.length - quote);
    const spans = reference.source === 'url' ? hostSpansInUrls(inner) : hostSpansInValue(inner);
    const span = spans.find((s) => s.host === reference.host);
    // Only where the value is written as it reads (no variable, no escape): the span is then the host's.
    if (span && inner.slice(span.start, span.start + span.host.length) === reference.host && !inner.includes('$'))
      fix = { edits: [{ start: loc.start + quote + span.start, end: loc.start + quote + span.start + span.host.length, text: match }] };
  }
  return { suggestion: `did you mean "${match}"?`, ...(fix ? { suggest: [{ messageId: 'rename', data: { from: reference.host, to: match }, fix }] } : {}) };
}

/** An item of a written sequence removed with its line (block) or its comma (flow); none when an anchor shares the sequence. */
export function removeItemFix(project: Project, node: Node): Fix | undefined {
  const loc = node.loc;
  const editor = loc && yamlEditorFor(project, loc.file);
  const written = loc && editor?.nodeAt(loc);
  const seq = written && editor?.parentOf(written)?.collection;
  if (!editor || !written || !isSeq(seq) || editor.isShared(seq)) return undefined;
  const edits = editor.removeItem(seq, written);
  return edits?.length ? { edits } : undefined;
}
