import { get, isSeq, str, type Node, type Pair } from '../source/node.js';
import type { EngineBehaviour } from './engine-behaviour.js';
import type { NetworkAddressing } from './network-options.js';

/**
 * Which published ports Docker binds on the host, and on which addresses.
 *
 * - Ports are bound on the container's gateway endpoint only, and only a bridge network binds
 *   them (the bridge driver is the one that implements port mapping, ProgramExternalConnectivity;
 *   the macvlan and ipvlan drivers log "does not support port mappings": moby's
 *   daemon/libnetwork/drivers/{bridge,macvlan,ipvlan}). A service only on internal
 *   networks has no gateway, so nothing is bound (moby/moby#36174).
 * - The gateway is the attached network that is not internal with the highest `gw_priority`,
 *   then the one with the most address families, then the first by Docker name (moby's
 *   daemon/libnetwork/sandbox.go, Endpoint.Less).
 * - No host port (`"5432"`, `"127.0.0.1::8000"`): Docker picks a free one from the host's
 *   ephemeral range, on every address asked for.
 * - No host address: `0.0.0.0` and `[::]` (https://docs.docker.com/engine/network/port-publishing/#setting-the-default-bind-address-for-containers);
 *   `[::]` reaches an IPv4-only container through the userland proxy. An IPv4 address binds
 *   nothing for an IPv6-only network; a `routed` family binds no host port at all
 *   (https://docs.docker.com/engine/network/port-publishing/#gateway-modes; moby's
 *   daemon/libnetwork/drivers/bridge/port_mapping_linux.go).
 */

export interface GatewayCandidate {
  key: string;
  /** The name Docker gives it (the tie-break). */
  name: string;
  driver: string;
  internal: boolean;
  addressing: NetworkAddressing;
  /** The attachment's `gw_priority`. */
  priority: number;
}

/** The network Docker makes the gateway, or undefined when the container has none. */
export function gatewayOf(candidates: readonly GatewayCandidate[]): GatewayCandidate | undefined {
  const families = (c: GatewayCandidate) => Number(c.addressing.ipv4) + Number(c.addressing.ipv6);
  return candidates
    .filter((c) => !c.internal)
    .sort((a, b) => b.priority - a.priority || families(b) - families(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))[0];
}

/** An attachment's `gw_priority`, 0 when unset. */
export function priorityOf(attachment: Pair | undefined): number {
  const node = get(attachment?.value, 'gw_priority');
  return node?.kind === 'scalar' && typeof node.value === 'number' ? node.value : 0;
}

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1)$/;

export interface PortBinding {
  /** Undefined: every interface. */
  hostIp?: string;
  /** The host port or range; '' when Docker picks an ephemeral port. */
  published: string;
  target: number;
  protocol: string;
  /** The host addresses it is bound on: `0.0.0.0` and `::` for every interface. */
  addresses: string[];
  /** Reachable from the Docker host only (see PublishedPort.loopback). */
  loopback: boolean;
  node: Node;
}

/** The host addresses a mapping binds on a gateway network. */
function boundAddresses(hostIp: string | undefined, gateway: NetworkAddressing): string[] {
  const { ipv4, ipv6, gatewayMode } = gateway;
  const nat4 = ipv4 && gatewayMode.ipv4 !== 'routed';
  // An IPv4-only container is reached from IPv6 host addresses through the userland proxy.
  const nat6 = (ipv6 || ipv4) && gatewayMode.ipv6 !== 'routed';
  if (hostIp === undefined) return [...(nat4 ? ['0.0.0.0'] : []), ...(nat6 ? ['::'] : [])];
  return (hostIp.includes(':') ? nat6 : nat4) ? [hostIp] : [];
}

/** The mappings of one service's `ports` Docker binds when `gateway` is its gateway network. */
export function portBindings(ports: Node | undefined, gateway: NetworkAddressing, behaviour: EngineBehaviour): PortBinding[] {
  if (!isSeq(ports)) return [];
  const out: PortBinding[] = [];
  for (const port of ports.items) {
    const target = get(port, 'target');
    if (target?.kind !== 'scalar' || typeof target.value !== 'number') continue;
    const written = str(get(port, 'host_ip'))?.trim();
    const hostIp = written === undefined || written === '' ? undefined : written.replace(/^\[(.*)\]$/, '$1');
    const addresses = boundAddresses(hostIp, gateway);
    if (addresses.length === 0) continue;
    out.push({
      hostIp: str(get(port, 'host_ip')),
      published: str(get(port, 'published')) ?? '',
      target: target.value,
      protocol: str(get(port, 'protocol')) ?? 'tcp',
      addresses,
      // Before 28.0, hosts on the same L2 segment reach loopback bindings too (moby/moby#45610).
      loopback: hostIp !== undefined && LOOPBACK.test(hostIp) && behaviour.loopbackPublishStaysLocal,
      node: port,
    });
  }
  return out;
}
