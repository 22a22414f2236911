import {
  addressText,
  cidrContainsCidr,
  cidrOrMasked,
  defaultGatewayAddress,
  get,
  ipamConfigs,
  isExternalNetwork,
  isScalar,
  sameAddress,
  str,
  type Cidr,
  type EngineBehaviour,
  type IpAddress,
  type IpamConfigEntry,
  type IpFamily,
  type Node,
} from '@composure/core/rule-kit';

/** A subnet of a network with what Docker reserves in it. */
export interface Subnet {
  text: string;
  cidr: Cidr;
  entry: IpamConfigEntry;
}

/** What the rule knows of a declared network's addressing. */
export interface NetworkAddressing {
  /** Declared `external`: created elsewhere, with settings the file does not show. */
  external: boolean;
  /** External, or a subnet that cannot be read (its own finding): nothing to compare against. */
  unknown: boolean;
  subnets: Subnet[];
  /** Whether Docker gives the network addresses of each family (`enable_ipv4` from Engine 28, `enable_ipv6`). */
  enabled: Record<IpFamily, boolean>;
  /** Whether Docker's IPAM takes a gateway address in each family when the subnet sets none. */
  implicitGateway: Record<IpFamily, boolean>;
  /** Docker's own IPAM: the network and broadcast addresses are reserved. */
  defaultIpam: boolean;
}

const isTrue = (node: Node | undefined) => isScalar(node) && (node.value === true || node.value === 'true');
const isFalse = (node: Node | undefined) => isScalar(node) && (node.value === false || node.value === 'false');

/**
 * Whether a family is on: the `enable_ipv4` / `enable_ipv6` key, else the driver option Docker
 * reads in its place (`com.docker.network.enable_ipv6`, daemon/network.go), else Docker's default
 * (IPv4 on, IPv6 off).
 */
function familyEnabled(declaration: Node, key: 'enable_ipv4' | 'enable_ipv6', byDefault: boolean): boolean {
  for (const node of [get(declaration, key), get(get(declaration, 'driver_opts'), `com.docker.network.${key}`)]) {
    if (isTrue(node)) return true;
    if (isFalse(node)) return false;
  }
  return byDefault;
}

export function addressingOf(declaration: Node | undefined, behaviour: EngineBehaviour): NetworkAddressing | undefined {
  if (declaration === undefined) return undefined;
  // Before Engine 28 there is no enable_ipv4: every network has IPv4.
  const ipv4 = behaviour.ipv4CanBeDisabled ? familyEnabled(declaration, 'enable_ipv4', true) : true;
  const enabled = { IPv4: ipv4, IPv6: familyEnabled(declaration, 'enable_ipv6', false) };
  if (isExternalNetwork(declaration))
    return { external: true, unknown: true, subnets: [], enabled, implicitGateway: { IPv4: false, IPv6: false }, defaultIpam: false };
  const ipamDriver = str(get(get(declaration, 'ipam'), 'driver'));
  const defaultIpam = ipamDriver === undefined || ipamDriver === 'default';
  const bridge = (str(get(declaration, 'driver')) ?? 'bridge') === 'bridge';
  const options = get(declaration, 'driver_opts');
  const isolated = (family: string) => str(get(options, `com.docker.network.bridge.gateway_mode_${family}`)) === 'isolated';
  // Docker reserves a gateway on internal networks too; Engine 28 and later skip it only for an
  // internal network whose bridge gets no IPv4 address, or in the `isolated` gateway mode
  // (libnetwork bridge driver GetSkipGwAlloc). Engine 20.10 refused `.1` on both kinds.
  const skips = behaviour.gatewaySkippedWithoutBridgeAddress;
  const noIpv4Gateway =
    skips && ((isTrue(get(declaration, 'internal')) && str(get(options, 'com.docker.network.bridge.inhibit_ipv4')) === 'true') || isolated('ipv4'));
  const subnets: Subnet[] = [];
  let unknown = false;
  for (const entry of ipamConfigs(declaration)) {
    if (!entry.pairs.subnet) continue;
    const text = addressText(entry.subnet);
    const cidr = text === undefined ? undefined : cidrOrMasked(text);
    if (text === undefined || !cidr) unknown = true;
    else subnets.push({ text, cidr, entry });
  }
  const gatewayDriver = defaultIpam && bridge;
  return {
    external: false,
    unknown,
    subnets,
    enabled,
    implicitGateway: { IPv4: gatewayDriver && !noIpv4Gateway, IPv6: gatewayDriver && !(skips && isolated('ipv6')) },
    defaultIpam,
  };
}

/**
 * The address Docker's IPAM gives the gateway when the subnet sets none: the first free address
 * of `ip_range` when there is one, else of the subnet (the network address is reserved first).
 * moby daemon/libnetwork/network.go ipamAllocateVersion requests the gateway before the
 * auxiliary addresses, from the pool's range (ipams/defaultipam getAddress, AddAnyInRange);
 * Engine 20.10 gave 10.91.0.128 to the gateway of 10.91.0.0/24 with ip_range 10.91.0.128/25.
 * Undefined when the range cannot be read (valid-ipam reports it).
 */
export function implicitGatewayOf(subnet: Subnet): IpAddress | undefined {
  if (!subnet.entry.pairs.ipRange) return defaultGatewayAddress(subnet.cidr);
  const text = addressText(subnet.entry.ipRange);
  const range = text === undefined ? undefined : cidrOrMasked(text);
  if (!range || !cidrContainsCidr(subnet.cidr, range)) return undefined;
  return sameAddress(range.network, subnet.cidr.network) ? defaultGatewayAddress(subnet.cidr) : range.network;
}
