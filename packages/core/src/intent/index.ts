import type { Project } from '../model/project.js';
import { hostResolver, isJudgedHost } from '../topology/host-references.js';
import { topologyOf, type Topology } from '../topology/topology.js';
import { dependsOnHosts } from './compose-keys.js';
import { configHosts } from './configs/index.js';
import { environmentHosts } from './environment.js';
import { caddyHosts } from './labels/caddy.js';
import { traefikHosts } from './labels/traefik.js';
import { resolveFound, type FoundHost } from './resolve.js';
import type { Intent, IntentReference } from './types.js';

export type { Intent, IntentReference, IntentSource } from './types.js';
export { mountedConfigHosts } from './configs/index.js';
export type { LocatedConfigProblem } from './configs/index.js';
export { seenBy, traefikLabelled, traefikProxies } from './labels/traefik.js';
export type { TraefikLabels, TraefikProxy } from './labels/traefik.js';
export { listeningPorts } from './listening.js';

/** Every source of hosts, in the order their intents are listed within a service. */
const SOURCES: readonly ((project: Project) => FoundHost[])[] = [
  environmentHosts,
  dependsOnHosts,
  traefikHosts,
  caddyHosts,
  // Only single-label names are judged, as in the environment: FQDNs, addresses and localhost are the outside world's.
  (project) => configHosts(project).filter((found) => isJudgedHost(found.host)),
];

const cache = new WeakMap<Topology, IntentReference[]>();

/**
 * Every host the enabled services of a project name, with where each is written and how it
 * resolves: services in the order of the model, and within one, the environment and `links`,
 * then `depends_on`, then labels, then mounted configs (each in the order written).
 */
export function intentReferences(project: Project, topology: Topology = topologyOf(project)): IntentReference[] {
  let references = cache.get(topology);
  if (references) return references;
  const resolver = hostResolver(project, topology);
  // Grouped by service in the order of the model, the sources' own order kept within each (a sort would cost n log n).
  const byService = new Map<string, FoundHost[]>([...topology.services.keys()].map((name) => [name, []]));
  const others: FoundHost[] = [];
  for (const source of SOURCES) for (const f of source(project)) (byService.get(f.from) ?? others).push(f);
  references = [...byService.values(), others].flat().map((f) => resolveFound(project, resolver, f));
  cache.set(topology, references);
  return references;
}

/** What each enabled service means to reach: the references whose host names another service of the project. */
export function intentsOf(project: Project, topology: Topology = topologyOf(project)): Intent[] {
  return intentReferences(project, topology).flatMap((r) => (r.target === undefined || r.target === r.from ? [] : [intentOf(r, r.target)]));
}

function intentOf(r: IntentReference, to: string): Intent {
  return {
    from: r.from,
    to,
    ...(r.port !== undefined && { port: r.port }),
    host: r.host,
    source: r.source,
    file: r.file,
    line: r.line,
    column: r.column,
    ...(r.endLine !== undefined && { endLine: r.endLine, endColumn: r.endColumn }),
  };
}
