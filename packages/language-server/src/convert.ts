/**
 * Conversions between composure's positions (UTF-16 offsets and 1-based lines and columns in a
 * SourceFile) and the protocol's (0-based lines and UTF-16 characters), and between paths and URIs.
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SourceFile } from '@composure/core';
import type { Position, Range } from 'vscode-languageserver';

export function positionAt(file: SourceFile, offset: number): Position {
  const { line, column } = file.position(offset);
  return { line: line - 1, character: column - 1 };
}

export function rangeOf(file: SourceFile, start: number, end: number): Range {
  return { start: positionAt(file, start), end: positionAt(file, Math.max(start, end)) };
}

/** The offset of a protocol position in a file (clamped to its line and to the file). */
export function offsetAt(file: SourceFile, position: Position): number {
  const line = Math.max(0, position.line);
  if (line + 1 > file.lineCount) return file.text.length;
  const start = file.lineStart(line + 1);
  const next = line + 2 <= file.lineCount ? file.lineStart(line + 2) : file.text.length;
  let lineEnd = next;
  while (lineEnd > start && (file.text[lineEnd - 1] === '\n' || file.text[lineEnd - 1] === '\r')) lineEnd--;
  return Math.min(start + Math.max(0, position.character), lineEnd);
}

/** A `file:` URI's path, or undefined for any other scheme (untitled buffers are not on any project). */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  return pathToFileURL(path).href;
}

/** A name as inline code in Markdown, whatever backticks it holds. */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((m) => m.length));
  const fence = '`'.repeat(longest + 1);
  return longest > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}
