import { interpolateTree } from '../env/interpolate.js';
import { atReference } from '../env/reference-span.js';
import type { Host } from '../host.js';
import type { ComposeSource } from '../model/project.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { isMap, type MapNode, type Node } from '../source/node.js';
import { timed } from '../phases.js';
import { decodeText, parseYaml } from '../source/parse-yaml.js';
import type { ParseCache } from '../source/parse-cache.js';
import type { SourceFile } from '../source/source-file.js';
import type { Environment } from './environment.js';
import type { MergeOptions } from './merge.js';

/** Shared state of one load: everything read, every diagnostic, caches. */
export interface LoadContext {
  host: Host;
  files: Map<string, SourceFile>;
  sources: Map<string, ComposeSource>;
  diagnostics: Diagnostic[];
  /** Parsed documents of every YAML file read, by path: each file is parsed once per load. */
  documents: Map<string, Node[]>;
  /** Interpolated documents of files read for `extends`, by path. */
  extendsCache: Map<string, MapNode | null>;
  /** Parses kept from earlier loads (an editor's session), if any. */
  parseCache?: ParseCache;
  stdin?: { text: string; path: string };
}

/** Reads and parses one YAML file into its documents (once per load); undefined when it cannot be read. */
export function readYaml(path: string, role: ComposeSource['role'], ctx: LoadContext): Node[] | undefined {
  const cached = ctx.documents.get(path);
  if (cached) return cached;
  const bytes = ctx.stdin?.path === path ? new TextEncoder().encode(ctx.stdin.text) : timed('read', () => ctx.host.readFile(path));
  if (bytes === undefined) return undefined;
  const { file, diagnostic } = timed('read', () => decodeText(path, bytes));
  ctx.files.set(path, file);
  if (diagnostic) {
    ctx.diagnostics.push(diagnostic);
    ctx.documents.set(path, []);
    return [];
  }
  const parsed = timed('parse', () => (ctx.parseCache ? ctx.parseCache.parse(file) : parseYaml(file)));
  ctx.sources.set(path, { file, role, yamlDocuments: parsed.yamlDocuments });
  ctx.diagnostics.push(...parsed.diagnostics);
  ctx.documents.set(path, parsed.documents);
  return parsed.documents;
}

/** Interpolates one document; reports a non-mapping top level. */
export function prepareDocument(document: Node, environment: Environment, ctx: LoadContext): MapNode | undefined {
  if (!isMap(document)) {
    const loc = document.loc;
    if (loc) ctx.diagnostics.push({ ruleId: 'compose-schema', severity: 'error', message: 'The top level of a compose file must be a mapping.', loc });
    return undefined;
  }
  const textOf = (file: string) => ctx.files.get(file)?.text;
  for (const diagnostic of interpolateTree(document, { lookup: (name) => environment[name] })) ctx.diagnostics.push(atReference(diagnostic, textOf));
  return document;
}

/** A merge Docker Compose refuses (a list overridden by a string…) is reported where the override wrote it. */
export function mergeOptions(ctx: LoadContext): MergeOptions {
  return {
    onError(error) {
      const loc = error.loc ?? ctx.files.values().next().value?.loc(0, 0);
      if (loc) ctx.diagnostics.push({ ruleId: 'compose-schema', severity: 'error', message: `${error.message.replace(/\.?$/, '.')}`, loc });
    },
  };
}
