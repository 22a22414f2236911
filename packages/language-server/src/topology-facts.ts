/**
 * Per-service facts from core's topology, for hovers and code lenses: whom a service reaches
 * directly and who reaches it, without listing every pair of the project (n² on a flat network).
 */
import type { Topology } from '@composure/core';

/** A routed network is reached from other networks: any service may then reach its members. */
const hasRoutedNetwork = (topology: Topology) =>
  [...topology.networks.values()].some((n) => n.addressing.gatewayMode.ipv4 === 'routed' || n.addressing.gatewayMode.ipv6 === 'routed');

/** The services that may share a direct reach with `name`: its networks' members, shared namespaces, host mode, the default bridge. */
function candidates(topology: Topology, name: string): Iterable<string> {
  const service = topology.services.get(name);
  if (!service) return [];
  if (service.mode === 'host' || hasRoutedNetwork(topology)) return topology.services.keys();
  const found = new Set<string>();
  for (const key of service.networks) for (const member of topology.networks.get(key)?.members ?? []) found.add(member);
  for (const other of topology.services.values()) {
    if (
      other.mode === 'host' ||
      (other.mode === 'bridge' && service.mode === 'bridge') ||
      other.namespaceOf === name ||
      (service.namespaceOf && (other.name === service.namespaceOf || other.namespaceOf === service.namespaceOf))
    )
      found.add(other.name);
  }
  found.delete(name);
  return found;
}

export interface ServiceReach {
  reaches: string[];
  reachedBy: string[];
}

export function reachOf(topology: Topology, name: string): ServiceReach {
  const reaches: string[] = [];
  const reachedBy: string[] = [];
  for (const other of candidates(topology, name)) {
    if (other === name) continue;
    if (topology.reaches(name, other)) reaches.push(other);
    if (topology.reaches(other, name)) reachedBy.push(other);
  }
  return { reaches: reaches.sort(), reachedBy: reachedBy.sort() };
}
