import type { Project } from '../model/project.js';
import { hostReferences } from '../topology/host-references.js';
import { hostLoc } from './locate.js';
import type { FoundHost } from './resolve.js';

/**
 * The hosts a service names in its environment (URLs and host variables, its `env_file`s' too)
 * and its `links`: hostReferences, the one reading of them, located at the host itself.
 * External links name containers outside the project: no intent.
 */
export function environmentHosts(project: Project): FoundHost[] {
  const found: FoundHost[] = [];
  for (const reference of hostReferences(project)) {
    const loc = reference.node.loc;
    if (reference.source === 'external_link' || !loc) continue;
    found.push({
      from: reference.service,
      host: reference.host,
      ...(reference.port !== undefined && { port: reference.port }),
      source: reference.source === 'link' ? 'link' : 'env',
      loc: hostLoc(project, loc, reference.host),
      ...(reference.variable !== undefined && { via: reference.variable }),
    });
  }
  return found;
}
