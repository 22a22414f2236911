/**
 * The project's networks on a LAN of their own (macvlan, ipvlan): their members get addresses of
 * the LAN itself, reachable there on every port without the host in between. The outside
 * namespace plays the LAN's router (outside.ts): it takes each one's gateway address.
 */
import type { ProjectSpec } from './model.js';

const LAN_DRIVERS = new Set(['macvlan', 'ipvlan']);

/** The Docker names of the project's LAN networks. */
export const lanNetworkNames = (spec: ProjectSpec): Set<string> =>
  new Set(
    Object.values(spec.networks)
      .filter((n) => LAN_DRIVERS.has(n.driver ?? ''))
      .map((n) => n.name),
  );

/** `a.b.c.d/p` → the first address after the network's (Docker's default gateway). */
function firstHost(subnet: string): string {
  const [address] = subnet.split('/');
  const octets = address.split('.').map(Number);
  const value = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) + 1;
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

/** The gateway addresses of the project's IPv4 LAN subnets, with their prefix (`10.231.20.1/24`). */
export function lanRouterAddresses(spec: ProjectSpec): string[] {
  const cidrs: string[] = [];
  for (const network of Object.values(spec.networks)) {
    if (!LAN_DRIVERS.has(network.driver ?? '')) continue;
    for (const config of network.ipam?.config ?? []) {
      if (!config.subnet || config.subnet.includes(':')) continue;
      cidrs.push(`${config.gateway ?? firstHost(config.subnet)}/${config.subnet.split('/')[1]}`);
    }
  }
  return cidrs;
}
