/**
 * Go to definition and find references for every name (services, networks, volumes, configs,
 * secrets), across the project's files as written: through anchors and merge keys, in override,
 * include and `extends` files, in `.composure.yaml` policies and in environment hosts.
 */
import type { Location, Position } from 'vscode-languageserver';
import type { Analysis, SourceFile } from '@composure/core';
import { offsetAt, pathToUri, rangeOf } from '../convert.js';
import { occurrenceAt, occurrencesOf, projectIndex, type Occurrence } from './names.js';

/** The client's URI for a path (the one it opened it with), else a file: URI. */
export type UriOf = (path: string) => string;

export function locationOf(occurrence: Occurrence, analysis: Analysis, uriOf: UriOf = pathToUri): Location | undefined {
  const file = analysis.project.files.get(occurrence.path);
  return file ? { uri: uriOf(occurrence.path), range: rangeOf(file, occurrence.start, occurrence.end) } : undefined;
}

/** The name at a position, if any. */
export function symbolAt(file: SourceFile, position: Position, analysis: Analysis): Occurrence | undefined {
  return occurrenceAt(projectIndex(analysis), file.path, offsetAt(file, position));
}

export function definition(file: SourceFile, position: Position, analysis: Analysis | undefined, uriOf: UriOf = pathToUri): Location[] {
  if (!analysis) return [];
  const at = symbolAt(file, position, analysis);
  if (!at) return [];
  return occurrencesOf(projectIndex(analysis), at)
    .filter((o) => o.definition)
    .map((o) => locationOf(o, analysis, uriOf))
    .filter((l): l is Location => l !== undefined);
}

export function references(
  file: SourceFile,
  position: Position,
  analysis: Analysis | undefined,
  includeDeclaration: boolean,
  uriOf: UriOf = pathToUri,
): Location[] {
  if (!analysis) return [];
  const at = symbolAt(file, position, analysis);
  if (!at) return [];
  return occurrencesOf(projectIndex(analysis), at)
    .filter((o) => includeDeclaration || !o.definition)
    .map((o) => locationOf(o, analysis, uriOf))
    .filter((l): l is Location => l !== undefined);
}
