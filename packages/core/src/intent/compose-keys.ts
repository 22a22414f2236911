import { services, type Project } from '../model/project.js';
import { get, isMap, isSeq, type Loc, type Node } from '../source/node.js';
import type { FoundHost } from './resolve.js';

/** Where the dependencies Compose implies are written: `links` and `volumes_from` items, `service:` namespaces. */
function impliedAt(service: Node): Set<string> {
  const at = new Set<string>();
  const add = (node: Node | undefined) => node?.loc && at.add(`${node.loc.file}\0${node.loc.start}`);
  for (const key of ['links', 'volumes_from']) {
    const list = get(service, key);
    if (isSeq(list)) list.items.forEach(add);
  }
  for (const key of ['network_mode', 'ipc', 'pid', 'uts', 'cgroup']) add(get(service, key));
  return at;
}

/**
 * The services a service `depends_on` (canonical: a mapping by service name), located at the
 * key as written. Compose starts them first; it does not put the two on a network together.
 * The dependencies Compose adds for `links` (their own intents), `volumes_from` and `service:`
 * namespaces (no reach) are left out.
 */
export function dependsOnHosts(project: Project): FoundHost[] {
  const found: FoundHost[] = [];
  for (const service of services(project)) {
    const dependsOn = get(service.node, 'depends_on');
    if (!isMap(dependsOn)) continue;
    const implied = impliedAt(service.node);
    for (const [name, pair] of dependsOn.entries) {
      const loc: Loc | undefined = pair.key.loc ?? pair.value.loc;
      if (loc && !implied.has(`${loc.file}\0${loc.start}`)) found.push({ from: service.name, host: name, source: 'depends_on', loc, via: 'depends_on' });
    }
  }
  return found;
}
