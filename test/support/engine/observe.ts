/**
 * What the engine does with a project that is up (engine-state.ts): who reaches whom and the
 * outside (observe-reach.ts), what answers from outside the project (observe-ingress.ts), and
 * which names resolve to whom (observe-names.ts).
 */
import type { DockerApi } from './docker-api.js';
import { inspectProject } from './engine-state.js';
import type { ProjectSpec } from './model.js';
import { observeIngress } from './observe-ingress.js';
import { observeNames } from './observe-names.js';
import { observeReach } from './observe-reach.js';
import type { Outside } from './outside.js';
import { sortedView, type View } from './view.js';

export async function observe(
  api: DockerApi,
  spec: ProjectSpec,
  containers: Map<string, string>,
  outside: Outside,
  names: Map<string, string[]>,
): Promise<View> {
  const state = await inspectProject(api, containers);
  const [{ reach, egress }, ingress, resolved] = await Promise.all([
    observeReach(api, spec, state, outside),
    observeIngress(spec, state, outside),
    observeNames(api, spec.name, state, names),
  ]);
  return sortedView({ reach, ingress, egress, names: resolved });
}
