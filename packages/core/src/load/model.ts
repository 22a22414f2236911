import { map, type Loc, type MapNode } from '../source/node.js';
import { mergeOptions, prepareDocument, readYaml, type LoadContext } from './context.js';
import type { Environment } from './environment.js';
import { applyExtends } from './extends.js';
import { applyInclude } from './include.js';
import { LoadError } from './load-error.js';
import { composeLoadDiagnostic } from './loader-messages.js';
import { applyResets, mergeOnto, resolveResetTags } from './merge.js';
import { enforceUnicity } from './unicity.js';

/**
 * Loads a list of compose files into one merged tree, as compose-go's loadYamlModel:
 * per document interpolate → extends → include → merge onto what came before.
 * Used for the project itself and for each `include`.
 */
export function loadModel(
  paths: readonly string[],
  workingDir: string,
  environment: Environment,
  ctx: LoadContext,
  includeChain: readonly string[],
  referencedAt?: Loc,
): MapNode {
  let model = map();
  for (const path of paths) {
    const documents = readYaml(path, includeChain.length > 0 ? 'include' : 'compose', ctx);
    if (documents === undefined) {
      if (referencedAt) ctx.diagnostics.push(composeLoadDiagnostic({ messageId: 'fileUnreadable', data: { path } }, referencedAt));
      else throw new LoadError(`cannot read ${path}`, path);
      continue;
    }
    for (const document of documents) {
      const prepared = prepareDocument(document, environment, ctx);
      if (!prepared) continue;
      // compose-go records a file's !reset/!override paths as it reads it, before extends uses the tags up.
      const text = ctx.files.get(path)?.text ?? '';
      const resets = text.includes('!reset') || text.includes('!override') ? resolveResetTags(prepared) : [];
      applyExtends(prepared, path, environment, ctx);
      applyInclude(prepared, path, workingDir, environment, ctx, [...includeChain, path], loadModel);
      applyResets(model, resets);
      // The model is only ever built by these merges, so it carries no tag to resolve again.
      model = mergeOnto(model, prepared, mergeOptions(ctx));
    }
  }
  return enforceUnicity(model, mergeOptions(ctx));
}
