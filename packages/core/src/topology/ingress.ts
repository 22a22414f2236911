import { get, isSeq, type Node } from '../source/node.js';
import type { EngineBehaviour } from './engine-behaviour.js';
import type { NetworkAddressing } from './network-options.js';
import { gatewayOf, portBindings, priorityOf, type GatewayCandidate } from './port-bindings.js';
import type { PublishedPort, TopologyNetwork, TopologyService } from './topology-types.js';

/** Docker's default bridge, as a `network_mode: bridge` container sees it: IPv4, `nat`, an address on the host. */
const DEFAULT_BRIDGE: NetworkAddressing = { ipv4: true, ipv6: false, gatewayMode: { ipv4: 'nat', ipv6: 'nat' }, hostAddress: true };

/** The container ports a service's `ports` publish (what a `routed` network opens). */
export function publishedTargets(service: Node): number[] {
  const ports = get(service, 'ports');
  if (!isSeq(ports)) return [];
  return ports.items.map((port) => get(port, 'target')).flatMap((t) => (t?.kind === 'scalar' && typeof t.value === 'number' ? [t.value] : []));
}

/**
 * Sets each service's gateway and the ports Docker binds for it, and returns them all (ingress).
 * Only a namespace's owner publishes: Docker discards the ports of a `host` container and refuses
 * those of one that shares another's namespace (no-network-mode-conflict says so); `none` has
 * nothing to bind on.
 */
export function bindPorts(services: Map<string, TopologyService>, networks: Map<string, TopologyNetwork>, behaviour: EngineBehaviour): PublishedPort[] {
  const ingress: PublishedPort[] = [];
  for (const service of services.values()) {
    if (service.namespaceOf) continue;
    let gateway: NetworkAddressing | undefined;
    if (service.mode === 'bridge') {
      service.gateway = 'bridge';
      gateway = DEFAULT_BRIDGE;
    } else if (service.mode === 'networks' || service.mode === 'network') {
      const candidates = service.networks.map((key): GatewayCandidate => {
        // Only what the choice reads: copying the whole network (its members…) per attachment was most of this function.
        const { name, driver, internal, addressing } = networks.get(key)!;
        return { key, name, driver, internal, addressing, priority: priorityOf(service.attachments.get(key)) };
      });
      const chosen = gatewayOf(candidates);
      service.gateway = chosen?.key;
      // Only the bridge driver maps ports (macvlan and ipvlan containers are reached at their own address).
      if (chosen?.driver !== 'macvlan' && chosen?.driver !== 'ipvlan') gateway = chosen?.addressing;
    }
    if (!gateway) continue;
    for (const binding of portBindings(get(service.node, 'ports'), gateway, behaviour)) {
      const entry: PublishedPort = { service: service.name, ...binding };
      service.ingress.push(entry);
      ingress.push(entry);
    }
  }
  // Sharers have the owner's gateway (their own ports are refused).
  for (const service of services.values()) if (service.namespaceOf) service.gateway = services.get(service.namespaceOf)!.gateway;
  return ingress;
}
