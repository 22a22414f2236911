import type { EngineBehaviour } from './engine-behaviour.js';
import { publishedTargets } from './ingress.js';
import type { TopologyNetwork, TopologyService } from './topology-types.js';

/**
 * Reaches that are not two containers on one network: `[from, to, how]`, `how` being `host`,
 * `bridge` or, for a `routed` network, its key.
 */
export type DirectHop = [from: string, to: string, how: string];

/** The hops that are not a network Compose declares: the host's stack and Docker's default bridge. */
export const DIRECT_HOPS: readonly string[] = ['localhost', 'host', 'bridge'];

/** Whether the host's own stack reaches a service at its container address: a bridge with an address on the host. */
function onHostRoutedBridge(service: TopologyService, networks: Map<string, TopologyNetwork>): boolean {
  if (service.mode === 'bridge') return true;
  return service.networks.some((key) => {
    const network = networks.get(key)!;
    return network.driver === 'bridge' && network.addressing.hostAddress;
  });
}

/**
 * The host's stack and Docker's default bridge, confirmed on Engine 20.10:
 * - a `network_mode: host` service reaches every container on a bridge network with an address
 *   on the host, internal ones included, every port (the host routes to its bridges), and every
 *   published port, loopback ones too; two host-mode services share the host's stack;
 * - a container reaches a host-mode service through its gateway, or, on an internal network,
 *   through the bridge's address (https://docs.docker.com/engine/network/port-publishing/#gateway-modes,
 *   on `isolated`: "No address is assigned to the bridge");
 * - `network_mode: bridge` containers reach each other by IP address on Docker's default bridge
 *   (https://docs.docker.com/engine/network/drivers/bridge/#differences-between-user-defined-bridges-and-the-default-bridge).
 */
export function hostHops(services: Map<string, TopologyService>, networks: Map<string, TopologyNetwork>): DirectHop[] {
  const hops: DirectHop[] = [];
  const all = [...services.values()];
  const rootOf = (s: TopologyService) => services.get(s.namespaceOf ?? s.name)!;
  for (const h of all.filter((s) => rootOf(s).mode === 'host')) {
    for (const s of all) {
      if (s.name === h.name) continue;
      const root = rootOf(s);
      if (root.mode === 'host' || root.ingress.length > 0 || onHostRoutedBridge(s, networks)) hops.push([h.name, s.name, 'host']);
      if (root.mode === 'host') continue;
      const internalWithHostAddress = s.networks.some((key) => networks.get(key)!.internal && networks.get(key)!.addressing.hostAddress);
      if (s.egress || internalWithHostAddress) hops.push([s.name, h.name, 'host']);
    }
  }
  const bridged = all.filter((s) => rootOf(s).mode === 'bridge');
  for (const a of bridged)
    for (const b of bridged) if (a.namespaceOf === undefined && b.namespaceOf === undefined && a !== b) hops.push([a.name, b.name, 'bridge']);
  return hops;
}

/**
 * From Engine 28.0, containers on other bridge networks reach a `routed` network's published
 * container ports directly (https://docs.docker.com/engine/network/port-publishing/#gateway-modes:
 * "In routed mode containers in other networks can use direct routing to access ports").
 * The ports are opened on the container's gateway network only.
 */
export function routedHops(services: Map<string, TopologyService>, networks: Map<string, TopologyNetwork>, behaviour: EngineBehaviour): DirectHop[] {
  if (!behaviour.routedReachableFromOtherNetworks) return [];
  const hops: DirectHop[] = [];
  const all = [...services.values()];
  // A source needs a way out of its own network: a bridge that is not internal, or the default bridge.
  const sources = all.filter(
    (s) =>
      services.get(s.namespaceOf ?? s.name)!.mode === 'bridge' ||
      s.networks.some((key) => networks.get(key)!.driver === 'bridge' && !networks.get(key)!.internal),
  );
  for (const network of networks.values()) {
    const { ipv4, ipv6, gatewayMode } = network.addressing;
    const routed = network.driver === 'bridge' && !network.internal && ((ipv4 && gatewayMode.ipv4 === 'routed') || (ipv6 && gatewayMode.ipv6 === 'routed'));
    if (!routed) continue;
    const targets = all.filter((t) => t.gateway === network.key && publishedTargets(services.get(t.namespaceOf ?? t.name)!.node).length > 0);
    for (const s of sources) {
      if (network.members.includes(s.name)) continue;
      for (const t of targets) if (t.name !== s.name) hops.push([s.name, t.name, network.key]);
    }
  }
  return hops;
}
