/**
 * The names of a project, and whom composure says each resolves to for each service. A service's
 * own names are left out (they lead back to itself), and so are names its `extra_hosts` or
 * `links` give it (in its /etc/hosts, which nslookup does not read).
 */
import type { Project, Topology } from '@composure/core';
import { hostResolver } from '@composure/core/rule-kit';
import { containerName, type ProjectSpec } from './model.js';
import { nameLine } from './view.js';

/** Every name a service of the project is given: service names, container names (Compose's or `container_name`), hostnames, aliases. */
function projectNames(spec: ProjectSpec): string[] {
  const names = new Set<string>();
  for (const [name, service] of Object.entries(spec.services)) {
    names.add(name);
    names.add(containerName(spec.name, name, service, 1));
    if (service.hostname) names.add(service.hostname);
    for (const attachment of Object.values(service.networks ?? {})) for (const alias of attachment?.aliases ?? []) names.add(alias);
  }
  return [...names].sort();
}

/** For each service, the names to look up from it. */
export function namesToTry(spec: ProjectSpec, project: Project, topology: Topology): Map<string, string[]> {
  const resolver = hostResolver(project, topology);
  const all = projectNames(spec);
  const tries = new Map<string, string[]>();
  for (const service of Object.keys(spec.services)) {
    const kinds = all.map((name) => resolver.resolve(service, name).kind);
    tries.set(
      service,
      all.filter((_, i) => kinds[i] !== 'self' && kinds[i] !== 'local'),
    );
  }
  return tries;
}

/** composure's answer: a name resolves for a service to each provider that answers to it on a network they share. */
export function composureNames(project: Project, topology: Topology, tries: Map<string, string[]>): string[] {
  const resolver = hostResolver(project, topology);
  const lines: string[] = [];
  for (const [from, names] of tries) {
    const mine = new Set(resolver.networksOf(from));
    for (const name of names) {
      const resolution = resolver.resolve(from, name);
      if (resolution.kind !== 'service') continue;
      for (const provider of resolution.providers)
        if (provider.networks.some((n) => mine.has(n))) lines.push(nameLine(project.name, from, name, provider.service));
    }
  }
  return lines;
}
