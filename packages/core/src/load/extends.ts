import { basename, dirname, relative, resolve } from 'node:path';
import type { Diagnostic } from '../source/diagnostic.js';
import { clone, get, isMap, map, pair, str, type Loc, type MapNode, type Node } from '../source/node.js';
import type { Environment } from './environment.js';
import { mergeOptions, prepareDocument, readYaml, type LoadContext } from './context.js';
import { describeCycle } from './cycles.js';
import { composeLoadDiagnostic, type ComposeLoadMessageId, type LoaderMessage } from './loader-messages.js';
import { mergeNodes } from './merge.js';
import { resolveRelativePaths } from './resolve-paths.js';

interface ServiceRef {
  file: string;
  service: string;
}

const loadError = (message: LoaderMessage<ComposeLoadMessageId>, loc: Loc | undefined): Diagnostic[] => (loc ? [composeLoadDiagnostic(message, loc)] : []);

/** The first document of a file read for `extends`, interpolated with the project's environment; null if unreadable. */
function extendsDocument(path: string, environment: Environment, ctx: LoadContext): MapNode | null {
  if (ctx.extendsCache.has(path)) return ctx.extendsCache.get(path) ?? null;
  const documents = readYaml(path, 'extends', ctx);
  // A file can be both a compose file of the project and an extends target: work on a copy.
  const document = documents?.[0] ? (prepareDocument(clone(documents[0]), environment, ctx) ?? null) : null;
  ctx.extendsCache.set(path, document);
  return document;
}

/** Base service merged under the extending one, with compose-go's merge rules. */
function extendService(base: Node, service: MapNode, ctx: LoadContext): Node {
  const wrap = (node: Node) => map([pair('services', map([pair('_', node)]))]);
  return get(get(mergeNodes(wrap(base) as MapNode, wrap(service) as MapNode, mergeOptions(ctx)), 'services'), '_')!;
}

/**
 * Applies `extends` to every service of a document, as compose-go does: recursively,
 * across files (relative to the extending file), with relative paths of a base from
 * another file resolved against that file's directory, and cycles reported.
 */
export function applyExtends(document: MapNode, path: string, environment: Environment, ctx: LoadContext): void {
  const services = get(document, 'services');
  if (!isMap(services)) return;
  for (const name of [...services.entries.keys()]) resolveService(name, services, path, environment, ctx, []);
}

function resolveService(name: string, services: MapNode, file: string, environment: Environment, ctx: LoadContext, chain: ServiceRef[]): Node | undefined {
  const entry = services.entries.get(name);
  const service = entry?.value;
  if (!entry || !isMap(service)) return service;
  const extendsPair = service.entries.get('extends');
  if (!extendsPair) return service;
  service.entries.delete('extends');

  const spec = extendsPair.value;
  const refNode = isMap(spec) ? get(spec, 'service') : spec;
  const ref = str(refNode);
  const fileNode = isMap(spec) ? get(spec, 'file') : undefined;
  const fileRef = str(fileNode);
  if (!ref) {
    ctx.diagnostics.push(...loadError({ messageId: 'extendsWithoutService', data: { service: name } }, extendsPair.key.loc));
    return service;
  }

  let baseServices = services;
  let baseFile = file;
  if (fileRef) {
    baseFile = resolve(dirname(file), fileRef);
    const document = extendsDocument(baseFile, environment, ctx);
    if (!document) {
      ctx.diagnostics.push(...loadError({ messageId: 'extendsFileUnreadable', data: { service: name, file: fileRef } }, fileNode?.loc));
      return service;
    }
    const found = get(document, 'services');
    if (!isMap(found)) {
      ctx.diagnostics.push(...loadError({ messageId: 'extendsFileWithoutServices', data: { service: name, file: fileRef } }, fileNode?.loc));
      return service;
    }
    baseServices = found;
  }
  if (!baseServices.entries.has(ref)) {
    const missing: LoaderMessage<ComposeLoadMessageId> = fileRef
      ? { messageId: 'extendedServiceMissingInFile', data: { service: name, base: ref, file: fileRef } }
      : { messageId: 'extendedServiceMissing', data: { service: name, base: ref } };
    ctx.diagnostics.push(...loadError(missing, refNode?.loc));
    return service;
  }

  const here = [...chain, { file, service: name }];
  if (here.some((r) => r.file === baseFile && r.service === ref)) {
    ctx.diagnostics.push(
      ...loadError({ messageId: 'extendsCycle', data: { cycle: describeCycle(cycleNames([...here, { file: baseFile, service: ref }], file)) } }, refNode?.loc),
    );
    return service;
  }

  const base = resolveService(ref, baseServices, baseFile, environment, ctx, here);
  if (!base) return service;
  let source = clone(base);
  if (baseFile !== file) {
    const wrapper = map([pair('services', map([pair('_', source)]))]);
    resolveRelativePaths(wrapper, dirname(baseFile), environment);
    source = get(get(wrapper, 'services'), '_')!;
  }
  const merged = extendService(source, service, ctx);
  entry.value = merged;
  return merged;
}

/** Across files each step names its file (relative to the one reporting): the same service name may stand in several. */
function cycleNames(steps: { file: string; service: string }[], reportedIn: string): string[] {
  const acrossFiles = steps.some((s) => s.file !== steps[0].file);
  return steps.map((s) => (acrossFiles ? `${s.service} (${relative(dirname(reportedIn), s.file) || basename(s.file)})` : s.service));
}
