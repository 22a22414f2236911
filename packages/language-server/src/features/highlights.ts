/**
 * Document highlights: every use of the name under the cursor in this file (a service, network,
 * volume, config or secret), from the project's name index — the declaration as a write, the
 * references as reads.
 */
import { DocumentHighlightKind, type DocumentHighlight, type Position } from 'vscode-languageserver';
import type { Analysis, SourceFile } from '@composure/core';
import { rangeOf } from '../convert.js';
import { symbolAt } from './definition.js';
import { occurrencesOf, projectIndex } from './names.js';

export function documentHighlights(file: SourceFile, position: Position, analysis: Analysis | undefined): DocumentHighlight[] {
  if (!analysis) return [];
  const at = symbolAt(file, position, analysis);
  if (!at) return [];
  return occurrencesOf(projectIndex(analysis), at)
    .filter((o) => o.path === file.path)
    .sort((a, b) => a.start - b.start)
    .map((o) => ({ range: rangeOf(file, o.start, o.end), kind: o.definition ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
}
