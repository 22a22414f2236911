/**
 * Inlay hints in a compose file:
 * - after a value another file changes (an override file, a later `-f` file), the value that wins
 *   and where it is written (`→ nginx:1.27 · compose.override.yaml:3`); values that may hold a
 *   secret (environment, build args, secret-named keys) say only where;
 * - after `extends:`, the keys the service inherits and from where;
 * - after each `${VAR}` / `$VAR`, whether the variable is set in the project's environment
 *   (process environment and .env) — never its value.
 */
import { basename } from 'node:path';
import { isMap, isScalar, parseAllDocuments, type Document, type Scalar, type YAMLMap } from 'yaml';
import { InlayHintKind, type InlayHint, type Range } from 'vscode-languageserver';
import { get, isSecretName, type Analysis, type Loc, type Node, type SourceFile } from '@composure/core';
import { positionAt } from '../convert.js';

const REFERENCE = /\$(\$|\{([_a-z][_a-z0-9]*)|([_a-z][_a-z0-9]*))/gi;

/** Values that may be secrets are never shown, as messages never print them. */
const mayShow = (path: readonly string[]) =>
  !path.includes('environment') && !path.includes('args') && !path.includes('labels') && !isSecretName(path[path.length - 1] ?? '');

const shown = (value: unknown) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
};

export function inlayHints(file: SourceFile, range: Range, analysis: Analysis | undefined): InlayHint[] {
  const hints: InlayHint[] = [];
  const from = file.lineStart(Math.min(range.start.line + 1, file.lineCount));
  const to = range.end.line + 1 < file.lineCount ? file.lineStart(range.end.line + 2) : file.text.length;
  const inRange = (offset: number) => offset >= from && offset <= to;
  let docs: Document[];
  try {
    docs = parseAllDocuments(file.text, { merge: true }) as Document[];
  } catch {
    return [];
  }
  const project = analysis?.project;
  for (const doc of docs) {
    const services = isMap(doc.contents) ? doc.contents.get('services', true) : undefined;
    if (!isMap(services)) continue;
    for (const pair of (services as YAMLMap).items) {
      if (!isScalar(pair.key) || !isMap(pair.value)) continue;
      const name = String(pair.key.value);
      const merged = project ? get(get(project.root, 'services'), name) : undefined;
      const lineOf = (loc: Loc) => project?.files.get(loc.file)?.position(loc.start).line ?? 0;
      if (merged) overrides(file, pair.value as YAMLMap, merged, [], { hints, inRange, lineOf });
      if (merged) inherits(file, pair.key.range?.[0] ?? 0, pair.value as YAMLMap, merged, hints, inRange);
    }
  }
  if (project) variables(file, docs, project.environment, hints, inRange);
  return hints.sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}

interface Collecting {
  hints: InlayHint[];
  inRange: (offset: number) => boolean;
  /** The 1-based line of a location in its file. */
  lineOf: (loc: Loc) => number;
}

/** Hints after the scalars of a service as written here whose merged value another file wrote. */
function overrides(file: SourceFile, written: YAMLMap, merged: Node, path: string[], out: Collecting): void {
  if (path.length > 3) return;
  for (const pair of written.items) {
    if (!isScalar(pair.key) || pair.key.value === '<<') continue;
    const key = String(pair.key.value);
    const value = merged.kind === 'map' ? merged.entries.get(key)?.value : undefined;
    if (!value) continue;
    if (isMap(pair.value)) {
      overrides(file, pair.value as YAMLMap, value, [...path, key], out);
      continue;
    }
    const scalar = pair.value as Scalar | undefined;
    if (!isScalar(scalar) || !scalar.range || value.kind !== 'scalar' || !value.loc || value.loc.file === file.path) continue;
    const end = scalar.range[1];
    if (!out.inRange(end)) continue;
    const where = `${basename(value.loc.file)}:${out.lineOf(value.loc)}`;
    const label = mayShow([...path, key]) ? `→ ${shown(value.value)} · ${where}` : `→ overridden · ${where}`;
    out.hints.push({
      position: positionAt(file, end),
      label,
      kind: InlayHintKind.Type,
      paddingLeft: true,
      tooltip: `Replaced by the value written in ${value.loc.file}`,
    });
  }
}

/** After `extends:`, the keys the merged service has that the service does not write itself. */
function inherits(file: SourceFile, serviceStart: number, written: YAMLMap, merged: Node, hints: InlayHint[], inRange: (offset: number) => boolean): void {
  const extendsPair = written.items.find((p) => isScalar(p.key) && p.key.value === 'extends');
  if (!extendsPair || !isScalar(extendsPair.key) || !extendsPair.key.range || merged.kind !== 'map') return;
  const own = new Set(written.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')));
  // Keys the normalisation adds (the default network, located at the service) are not inherited.
  const region = [serviceStart, (written as { range?: [number, number, number] }).range?.[1] ?? serviceStart];
  const ownPlace = (loc: Loc | undefined) => !loc || (loc.file === file.path && loc.start >= region[0] && loc.end <= region[1]);
  const inherited = [...merged.entries].filter(([key, pair]) => !own.has(key) && !ownPlace(pair.key.loc)).map(([key]) => key);
  const end = (extendsPair.value as { range?: [number, number, number] } | null)?.range?.[1] ?? extendsPair.key.range[1];
  if (inherited.length === 0 || !inRange(end)) return;
  const baseValue = extendsPair.value;
  const base = isScalar(baseValue) ? String(baseValue.value) : isMap(baseValue) ? String((baseValue as YAMLMap).get('service') ?? '') : '';
  const fromFile = isMap(baseValue) ? (baseValue as YAMLMap).get('file') : undefined;
  const label = `inherits ${inherited.join(', ')} from "${base}"${typeof fromFile === 'string' ? ` (${fromFile})` : ''}`;
  hints.push({ position: positionAt(file, end), label, kind: InlayHintKind.Type, paddingLeft: true });
}

/** After each variable reference in a value: set or not, never the value. */
function variables(file: SourceFile, docs: Document[], environment: Record<string, string>, hints: InlayHint[], inRange: (offset: number) => boolean): void {
  const visit = (node: unknown, depth: number) => {
    if (depth > 100 || !node) return;
    if (isMap(node)) for (const pair of (node as YAMLMap).items) visit(pair.value, depth + 1);
    else if (isScalar(node)) {
      if (typeof node.value !== 'string' || !node.value.includes('$') || !node.range) return;
      const [start, end] = node.range;
      const text = file.text.slice(start, end);
      for (const match of text.matchAll(REFERENCE)) {
        if (match[1] === '$') continue;
        const name = match[2] ?? match[3];
        let at = start + match.index + match[0].length;
        // After the closing brace of `${VAR…}` (its default or message included).
        if (match[2] !== undefined) {
          const close = text.indexOf('}', match.index + match[0].length);
          if (close >= 0) at = start + close + 1;
        }
        if (!inRange(at)) continue;
        const set = Object.hasOwn(environment, name);
        hints.push({
          position: positionAt(file, at),
          label: set ? 'set' : 'not set',
          kind: InlayHintKind.Parameter,
          paddingLeft: true,
          tooltip: set ? `${name} is set (the environment or an env file); its value is not shown.` : `${name} is not set in the environment or an env file.`,
        });
      }
    } else if ((node as { items?: unknown[] }).items) for (const item of (node as { items: unknown[] }).items) visit(item, depth + 1);
  };
  for (const doc of docs) visit(doc.contents, 0);
}
