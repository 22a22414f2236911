import { dirname, isAbsolute, resolve } from 'node:path';
import { get, isMap, isSeq, str, toJS, type Loc, type MapNode, type Node } from '../source/node.js';
import { describeCycle } from './cycles.js';
import { readEnvFiles, type Environment } from './environment.js';
import type { LoadContext } from './context.js';
import { composeLoadDiagnostic } from './loader-messages.js';
import { resolveRelativePaths } from './resolve-paths.js';

const SECTIONS = ['services', 'volumes', 'networks', 'secrets', 'configs'];

/** Remote includes (git, OCI, HTTP) are never fetched by a linter. */
export function isRemoteReference(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path) || path.startsWith('git@');
}

function strings(node: Node | undefined): { value: string; loc?: Loc }[] {
  if (!node) return [];
  const items = isSeq(node) ? node.items : [node];
  return items.flatMap((item) => {
    const value = str(item);
    return value === undefined ? [] : [{ value, loc: item.loc }];
  });
}

/** How a list of compose files becomes one tree (model.ts's loadModel, handed in: it applies `include` itself). */
export type ModelLoader = (
  paths: readonly string[],
  workingDir: string,
  environment: Environment,
  ctx: LoadContext,
  includeChain: readonly string[],
  referencedAt?: Loc,
) => MapNode;

/**
 * Applies `include`, as compose-go does: each entry is loaded as a project of its
 * own (its own project directory and env files), then its resources are imported;
 * a resource defined differently on both sides is an error.
 */
export function applyInclude(
  document: MapNode,
  path: string,
  workingDir: string,
  environment: Environment,
  ctx: LoadContext,
  chain: readonly string[],
  loadModel: ModelLoader,
): void {
  const include = document.entries.get('include');
  if (!include) return;
  document.entries.delete('include');
  if (!isSeq(include.value)) return; // the schema reports the wrong type
  for (const item of include.value.items) {
    const paths = strings(isMap(item) ? get(item, 'path') : item);
    if (paths.length === 0) continue;
    const at = paths[0].loc ?? item.loc;
    const remote = paths.find((p) => isRemoteReference(p.value));
    if (remote) {
      if (remote.loc) ctx.diagnostics.push(composeLoadDiagnostic({ messageId: 'includeRemote', data: { include: remote.value } }, remote.loc, 'warning'));
      continue;
    }
    const files = paths.map((p) => (isAbsolute(p.value) ? p.value : resolve(workingDir, p.value)));
    if (chain.includes(files[0])) {
      const cycle = describeCycle([...chain, files[0]].map((f) => f.slice(f.lastIndexOf('/') + 1)));
      if (at) ctx.diagnostics.push(composeLoadDiagnostic({ messageId: 'includeCycle', data: { cycle } }, at));
      continue;
    }
    const missing = paths.find((p, i) => !ctx.host.isFile(files[i]));
    if (missing) {
      if (missing.loc) ctx.diagnostics.push(composeLoadDiagnostic({ messageId: 'includeMissing', data: { include: missing.value } }, missing.loc));
      continue;
    }
    const projectDirectory = str(isMap(item) ? get(item, 'project_directory') : undefined);
    const includeDir = projectDirectory ? resolve(workingDir, projectDirectory) : dirname(files[0]);
    const envFileNodes = strings(isMap(item) ? get(item, 'env_file') : undefined);
    const envFiles =
      envFileNodes.length > 0 ? envFileNodes.map((f) => resolve(workingDir, f.value)) : [resolve(includeDir, '.env')].filter((f) => ctx.host.isFile(f));
    const fromFiles = readEnvFiles(envFiles, environment, ctx.host, envFileNodes[0]?.loc ?? at);
    for (const f of fromFiles.files) ctx.files.set(f.path, f);
    ctx.diagnostics.push(...fromFiles.diagnostics);
    // The including project's environment wins over the included env files.
    const includeEnv = { ...fromFiles.values, ...environment };
    const imported = loadModel(files, includeDir, includeEnv, ctx, chain, at);
    resolveRelativePaths(imported, includeDir, includeEnv);
    importResources(imported, document, ctx, path);
  }
}

function importResources(imported: MapNode, target: MapNode, ctx: LoadContext, includingFile: string): void {
  for (const section of SECTIONS) {
    const from = get(imported, section);
    if (!isMap(from)) continue;
    const to = get(target, section);
    if (!isMap(to)) {
      target.entries.set(section, imported.entries.get(section)!);
      continue;
    }
    for (const [name, entry] of from.entries) {
      const existing = to.entries.get(name);
      if (!existing) {
        to.entries.set(name, entry);
      } else if (JSON.stringify(toJS(existing.value)) !== JSON.stringify(toJS(entry.value))) {
        const loc = existing.key.loc ?? entry.key.loc;
        const file = includingFile.slice(includingFile.lastIndexOf('/') + 1);
        if (loc) ctx.diagnostics.push(composeLoadDiagnostic({ messageId: 'includeConflict', data: { section, name, file } }, loc));
      }
    }
  }
}
