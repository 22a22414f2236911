/**
 * One edit taking a document's text to another: the changed span between their common prefix and
 * suffix, so that the cursor, folds and marks outside it stay. For fix-all and formatting.
 */
import type { TextEdit } from 'vscode-languageserver';
import type { SourceFile } from '@composure/core';
import { rangeOf } from '../convert.js';

/** Never between the halves of a CRLF or of a surrogate pair. */
const splits = (at: number, s: string) => (s[at - 1] === '\r' && s[at] === '\n') || /[\uD800-\uDBFF]/.test(s[at - 1] ?? '');

/** The edit, or none when the texts are equal. */
export function changedSpan(file: SourceFile, after: string): TextEdit | undefined {
  const text = file.text;
  if (after === text) return undefined;
  let start = 0;
  while (start < text.length && start < after.length && text[start] === after[start]) start++;
  while (start > 0 && (splits(start, text) || splits(start, after))) start--;
  let end = 0;
  while (end < text.length - start && end < after.length - start && text[text.length - 1 - end] === after[after.length - 1 - end]) end++;
  while (end > 0 && (splits(text.length - end, text) || splits(after.length - end, after))) end--;
  return { range: rangeOf(file, start, text.length - end), newText: after.slice(start, after.length - end) };
}
