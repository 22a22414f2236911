import type { EngineBehaviour } from './engine-behaviour.js';
import type { IpFamilyName, NetworkAddressing } from './network-options.js';

/**
 * Who outside the Docker host reaches a container at its own address, without a published host
 * port:
 *
 * - macvlan and ipvlan members are on the LAN itself, and Docker sets up no firewall rules for
 *   them, so every port is open to it (https://docs.docker.com/engine/network/drivers/macvlan/,
 *   https://docs.docker.com/engine/network/packet-filtering-firewalls/: "No iptables rules are
 *   created for ipvlan, macvlan or host networking").
 * - On a bridge network, a host with a route to the network's subnet through the Docker host
 *   ("direct routing", https://docs.docker.com/engine/network/port-publishing/#gateway-modes):
 *   `routed` opens the published container ports, `nat-unprotected` every port; `nat` opens none
 *   from Engine 28.0 and every port before it (where the host's filter-FORWARD policy is ACCEPT:
 *   moby/moby#48724). An internal network drops traffic from outside its subnet.
 */
export interface LanAccess {
  service: string;
  /** The network key the container is reached on. */
  network: string;
  family: IpFamilyName;
  /** `all`, or the container ports that are open (its published ones). */
  ports: 'all' | number[];
  /** Why: the driver (`macvlan`, `ipvlan`) or the bridge's gateway mode. */
  reason: 'macvlan' | 'ipvlan' | 'routed' | 'nat-unprotected' | 'nat';
  /** A remote host needs a route to the network through the Docker host (false: the container is on the LAN itself). */
  needsRoute: boolean;
}

export interface LanNetwork {
  key: string;
  driver: string;
  internal: boolean;
  addressing: NetworkAddressing;
}

/** What hosts outside reach of one service on one of its networks. */
export function lanAccess(service: string, network: LanNetwork, publishedTargets: number[], behaviour: EngineBehaviour): LanAccess[] {
  const out: LanAccess[] = [];
  const families = (['ipv4', 'ipv6'] as const).filter((family) => network.addressing[family]);
  for (const family of families) {
    const at = { service, network: network.key, family };
    if (network.driver === 'macvlan' || network.driver === 'ipvlan') {
      out.push({ ...at, ports: 'all', reason: network.driver, needsRoute: false });
      continue;
    }
    if (network.driver !== 'bridge' || network.internal) continue;
    const mode = network.addressing.gatewayMode[family];
    if (mode === 'routed' && publishedTargets.length > 0) out.push({ ...at, ports: publishedTargets, reason: 'routed', needsRoute: true });
    if (mode === 'nat-unprotected') out.push({ ...at, ports: 'all', reason: 'nat-unprotected', needsRoute: true });
    if (mode === 'nat' && !behaviour.unpublishedPortsFiltered) out.push({ ...at, ports: 'all', reason: 'nat', needsRoute: true });
  }
  return out;
}
