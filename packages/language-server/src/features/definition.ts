/**
 * Go to definition and find references for every name (services, networks, volumes, configs,
 * secrets), across the project's files as written (names.ts: through anchors and merge keys, in
 * override, include and `extends` files, in `.composure.yaml` policies), and from a host that
 * names a service where a service means to reach it, by its name or an alias: an environment
 * URL, a label, or an upstream in a config mounted into a service (nginx.conf, haproxy.cfg, a
 * Caddyfile, Traefik's file provider, prometheus.yml) — the intents composure reads.
 */
import type { Location, Position } from 'vscode-languageserver';
import { intentsOf, topologyOf, type Analysis, type Intent, type SourceFile } from '@composure/core';
import { offsetAt, pathToUri, rangeOf } from '../convert.js';
import { occurrenceAt, occurrencesOf, PROJECT_SCOPE, projectIndex, type NameRef, type Occurrence } from './names.js';

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

const intentsIn = (analysis: Analysis) => intentsOf(analysis.project, topologyOf(analysis.project, analysis.config.engine));

/** Where an intent's host is written, as the protocol counts (0-based lines, UTF-16 characters). */
function intentLocation(intent: Intent, uriOf: UriOf): Location {
  const start = { line: intent.line - 1, character: intent.column - 1 };
  const end =
    intent.endLine === undefined
      ? { line: start.line, character: start.character + intent.host.length }
      : { line: intent.endLine - 1, character: intent.endColumn! - 1 };
  return { uri: uriOf(intent.file), range: { start, end } };
}

const within = (location: Location, position: Position) => {
  const { start, end } = location.range;
  const after = position.line > start.line || (position.line === start.line && position.character >= start.character);
  const before = position.line < end.line || (position.line === end.line && position.character <= end.character);
  return after && before;
};

/** The service named by the host under a position, in any file the project reads (a compose file, an env file, a mounted config). */
export function intentAt(file: SourceFile, position: Position, analysis: Analysis): Intent | undefined {
  return intentsIn(analysis).find((i) => i.file === file.path && within(intentLocation(i, pathToUri), position));
}

/** What is under a position: a service or network as written, or the service a host there names. */
function targetAt(file: SourceFile, position: Position, analysis: Analysis): (NameRef & { at?: Location }) | undefined {
  const symbol = symbolAt(file, position, analysis);
  if (symbol) return symbol;
  const intent = intentAt(file, position, analysis);
  return intent && { scope: PROJECT_SCOPE, kind: 'service', name: intent.to, at: intentLocation(intent, pathToUri) };
}

export function definition(file: SourceFile, position: Position, analysis: Analysis | undefined, uriOf: UriOf = pathToUri): Location[] {
  if (!analysis) return [];
  const at = targetAt(file, position, analysis);
  if (!at) return [];
  return occurrencesOf(projectIndex(analysis), at)
    .filter((o) => o.definition)
    .map((o) => locationOf(o, analysis, uriOf))
    .filter((l): l is Location => l !== undefined);
}

/** Every place naming the symbol: as written in the compose files, then (for a service) each host naming it where it is meant to be reached. */
export function references(
  file: SourceFile,
  position: Position,
  analysis: Analysis | undefined,
  includeDeclaration: boolean,
  uriOf: UriOf = pathToUri,
): Location[] {
  if (!analysis) return [];
  const at = targetAt(file, position, analysis);
  if (!at) return [];
  const found = occurrencesOf(projectIndex(analysis), at)
    .filter((o) => includeDeclaration || !o.definition)
    .map((o) => locationOf(o, analysis, uriOf))
    .filter((l): l is Location => l !== undefined);
  if (at.kind !== 'service' || at.scope !== PROJECT_SCOPE) return found;
  const seen = new Set(found.map(placeOf));
  for (const intent of intentsIn(analysis)) {
    if (intent.to !== at.name) continue;
    const location = intentLocation(intent, uriOf);
    if (seen.has(placeOf(location))) continue;
    seen.add(placeOf(location));
    found.push(location);
  }
  return found;
}

const placeOf = (l: Location) => `${l.uri}\0${l.range.start.line}:${l.range.start.character}`;
