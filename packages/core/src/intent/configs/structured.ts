import { parse as parseToml } from 'smol-toml';
import { parseYaml } from '../../source/parse-yaml.js';
import { map, pair, scalar, seq, type Node } from '../../source/node.js';
import { SourceFile } from '../../source/source-file.js';

/** A YAML or TOML config as a located tree (offsets in its own text), or why it could not be read. */
export type Structured = { tree: Node } | { error: string; offset: number };

/**
 * Reads a YAML config with core's YAML reader (located nodes), or a TOML one with smol-toml; TOML
 * values are located by finding their text in order (smol-toml gives no positions), a value not
 * found is located at the start of the file.
 */
export function readStructured(path: string, text: string): Structured {
  if (/\.toml$/i.test(path)) return readToml(path, text);
  const parsed = parseYaml(new SourceFile(path, text));
  const error = parsed.diagnostics.find((d) => d.severity === 'error');
  if (error) return { error: error.message, offset: error.loc.start };
  return { tree: parsed.documents[0] ?? map() };
}

function readToml(path: string, text: string): Structured {
  let data: unknown;
  try {
    data = parseToml(text);
  } catch (error) {
    const e = error as { message?: string; line?: number; column?: number };
    const offset = e.line ? new SourceFile(path, text).lineStart(e.line) + Math.max(0, (e.column ?? 1) - 1) : 0;
    return { error: String(e.message ?? error).split('\n')[0], offset };
  }
  let cursor = 0;
  const locate = (literal: string) => {
    const at = text.indexOf(literal, cursor);
    if (at < 0) return { file: path, start: 0, end: 0 };
    cursor = at + literal.length;
    return { file: path, start: at, end: at + literal.length };
  };
  const build = (value: unknown): Node => {
    if (Array.isArray(value)) return seq(value.map(build));
    if (value && typeof value === 'object' && !(value instanceof Date)) return map(Object.entries(value).map(([k, v]) => pair(k, build(v))));
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return scalar(value, locate(String(value)));
    return scalar(null);
  };
  return { tree: build(data) };
}

/** The value under a key, matched case-insensitively (Traefik's keys are). */
export function getKey(node: Node | undefined, key: string): Node | undefined {
  if (node?.kind !== 'map') return undefined;
  const lower = key.toLowerCase();
  for (const [name, entry] of node.entries) if (name.toLowerCase() === lower) return entry.value;
  return undefined;
}

/** The value at a path of keys, each matched case-insensitively. */
export function getPath(node: Node | undefined, path: readonly string[]): Node | undefined {
  return path.reduce<Node | undefined>((at, key) => getKey(at, key), node);
}

/** Where a scalar's text starts: after the quote of a quoted YAML scalar. */
export const textStart = (text: string, start: number) => start + (text[start] === '"' || text[start] === "'" ? 1 : 0);
