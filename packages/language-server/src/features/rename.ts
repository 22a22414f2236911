/**
 * Rename of a service or a network across the project's files: every key that declares it
 * and every reference (depends_on, links, volumes_from, extends, network_mode: service:,
 * a service's networks), in the base file, its override and included files.
 */
import type { Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { Analysis, SourceFile } from '@composure/core';
import { pathToUri, rangeOf } from '../convert.js';
import { occurrencesOf, projectIndex } from '../model-index.js';
import { symbolAt, type UriOf } from './definition.js';

/** Compose's rule for service and network names (compose-spec: `^[a-zA-Z0-9._-]+$`). */
export const NAME = /^[a-zA-Z0-9._-]+$/;

export function prepareRename(file: SourceFile, position: Position, analysis: Analysis | undefined): { range: Range; placeholder: string } | null {
  if (!analysis) return null;
  const at = symbolAt(file, position, analysis);
  return at ? { range: rangeOf(file, at.start, at.end), placeholder: at.name } : null;
}

export type RenameResult = { edit: WorkspaceEdit } | { error: string } | null;

export function rename(file: SourceFile, position: Position, newName: string, analysis: Analysis | undefined, uriOf: UriOf = pathToUri): RenameResult {
  if (!analysis) return null;
  const at = symbolAt(file, position, analysis);
  if (!at) return null;
  if (!NAME.test(newName)) return { error: `"${newName}" is not a valid ${at.kind} name (letters, digits, ".", "_" and "-" only).` };
  const changes: Record<string, TextEdit[]> = {};
  for (const o of occurrencesOf(projectIndex(analysis), at.kind, at.name)) {
    const target = analysis.project.files.get(o.path);
    if (!target) continue;
    (changes[uriOf(o.path)] ??= []).push({ range: rangeOf(target, o.start, o.end), newText: newName });
  }
  return { edit: { changes } };
}
