import { addressText, cidrContains, parseIpAddress, reservedAddressKind, sameAddress, type EngineBehaviour, type IpAddress } from '@composure/core/rule-kit';
import { implicitGatewayOf, type NetworkAddressing } from './network-addressing.js';

/**
 * What the engine does with a static address, where it is not simply assigned:
 * - `family`: the network has no address of its family (the address is refused from Engine 29.1,
 *   which checks it against the pools allocated; before, it was checked against the configured
 *   subnets, so one inside a configured subnet is accepted and never assigned);
 * - `subnet`: refused for where it falls in the network's subnets;
 * - `chosen-subnet`: no subnet of its family is configured, and Engine 29.1 and later accept it
 *   only inside the one Docker picks (moby/moby#51577; before, such an address is refused).
 */
export type Judgement = { kind: 'family'; refused: boolean } | { kind: 'subnet'; problem: string } | { kind: 'chosen-subnet' };

export function judgeAddress(
  address: IpAddress,
  network: string,
  addressing: NetworkAddressing | undefined,
  behaviour: EngineBehaviour,
): Judgement | undefined {
  // External networks were created elsewhere: which families they have is not known here.
  if (addressing && !addressing.external && !addressing.enabled[address.family]) {
    if (behaviour.staticAddressInAllocatedPool) return { kind: 'family', refused: true };
    const problem = subnetProblem(address, network, addressing, behaviour);
    // Without a configured subnet of its family (or outside them, from Engine 25) it is refused as on any network.
    return problem ? { kind: 'subnet', problem } : { kind: 'family', refused: false };
  }
  const configured = addressing?.subnets.some((s) => s.cidr.family === address.family);
  if (behaviour.staticAddressInAllocatedPool && addressing && !addressing.unknown && !configured) return { kind: 'chosen-subnet' };
  const problem = subnetProblem(address, network, addressing, behaviour);
  return problem ? { kind: 'subnet', problem } : undefined;
}

/** What is wrong with a static address given the network's subnets, or undefined. */
function subnetProblem(address: IpAddress, network: string, addressing: NetworkAddressing | undefined, behaviour: EngineBehaviour): string | undefined {
  // Undeclared (no-undefined-network reports it), external, or unreadable subnets: nothing to judge against.
  if (!addressing || addressing.unknown) return undefined;
  const family = address.family;
  const subnets = addressing.subnets.filter((s) => s.cidr.family === family);
  if (subnets.length === 0) {
    return `cannot be assigned: the network has no ${family} subnet under ipam.config, and Docker accepts a static address only on a network with a configured subnet ("user specified IP address is supported only when connecting to networks with user configured subnets"); add one that holds this address`;
  }
  // A family the network does not enable gets no pool: the address is never allocated, so only
  // Engine 25's check on connect (against the configured subnets) can refuse it.
  const enabled = addressing.enabled[family];
  const subnet = subnets.find((s) => cidrContains(s.cidr, address));
  if (!subnet && !enabled && !behaviour.staticAddressCheckedOnConnect) return undefined;
  if (!subnet) {
    const list = subnets.map((s) => s.text).join(', ');
    return `is outside ${subnets.length === 1 ? `the ${family} subnet` : `every ${family} subnet`} of network "${network}" (${list}): Docker refuses it ("It does not belong to any of this network's subnets"); use an address inside ${subnets.length === 1 ? 'it' : 'one of them'}`;
  }
  if (!enabled) return undefined;
  const reserved = addressing.defaultIpam ? reservedAddressKind(subnet.cidr, address) : undefined;
  if (reserved) return `is the ${reserved} address of ${subnet.cidr.text}, which Docker reserves: choose a host address`;
  const gateway = addressText(subnet.entry.gateway);
  const gatewayAddress = gateway === undefined ? undefined : parseIpAddress(gateway);
  if (gatewayAddress?.ok && sameAddress(gatewayAddress.value, address)) {
    return `is the gateway of network "${network}" ("Address already in use"): choose another address`;
  }
  if (addressing.implicitGateway[family] && !subnet.entry.pairs.gateway) {
    const implicit = implicitGatewayOf(subnet);
    if (implicit && sameAddress(implicit, address)) {
      const first = subnet.entry.pairs.ipRange
        ? `the first free address of its ip_range ${addressText(subnet.entry.ipRange)}`
        : `the first of ${subnet.cidr.text}`;
      return `is the address Docker gives the gateway of network "${network}" when ipam sets none (${first}), so it is taken ("Address already in use"): choose another address, or set the gateway explicitly`;
    }
  }
  for (const aux of subnet.entry.auxAddresses) {
    const auxText = addressText(aux.value);
    const auxAddress = auxText === undefined ? undefined : parseIpAddress(auxText);
    if (auxAddress?.ok && sameAddress(auxAddress.value, address)) {
      return `is reserved as the auxiliary address "${String(aux.key.value)}" of network "${network}" ("Address already in use"): choose another address`;
    }
  }
  return undefined;
}
