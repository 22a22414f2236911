import ipaddr from 'ipaddr.js';
import { get, isMap, isScalar, isSeq, type MapNode, type Node, type Pair, type ScalarNode } from '../source/node.js';
import { isUninterpolated } from '../schema/describe.js';

/**
 * IPv4 and IPv6 address and CIDR maths for the address rules, on top of `ipaddr.js`,
 * with Docker's reading of the text: what Go's `net/netip` accepts (the Docker API parses
 * IPAM settings with `netip.ParsePrefix` / `netip.ParseAddr`), so only dotted-quad IPv4
 * (no octal, hex or shortened forms, no leading zeros) and IPv6 without a zone index.
 */

export type IpFamily = 'IPv4' | 'IPv6';

export interface IpAddress {
  readonly family: IpFamily;
  readonly ip: ipaddr.IPv4 | ipaddr.IPv6;
  /** Canonical text: dotted quad, or RFC 5952 (IPv4-mapped addresses as `::ffff:a.b.c.d`). */
  readonly text: string;
}

export interface Cidr {
  readonly family: IpFamily;
  /** The network address: the address with every host bit cleared. */
  readonly network: IpAddress;
  /** Prefix length: 0–32 for IPv4, 0–128 for IPv6. */
  readonly prefix: number;
  /** Canonical `network/prefix`. */
  readonly text: string;
}

/**
 * The outcome of parsing: the value, or a problem phrased to follow the quoted text
 * (`"10.0.0.300/8" <problem>`), e.g. `is not in CIDR notation (address/prefix length)`.
 */
export type AddressParse<T> = { ok: true; value: T } | { ok: false; problem: string };

/** A CIDR parse; with host bits set, `masked` is the network the text most likely means. */
export type CidrParse = { ok: true; value: Cidr } | { ok: false; problem: string; masked?: Cidr };

const bitsOf = (family: IpFamily): number => (family === 'IPv4' ? 32 : 128);

function canonicalText(ip: ipaddr.IPv4 | ipaddr.IPv6): string {
  if (ip.kind() === 'ipv4') return ip.toString();
  const v6 = ip as ipaddr.IPv6;
  return v6.isIPv4MappedAddress() ? `::ffff:${v6.toIPv4Address().toString()}` : v6.toRFC5952String();
}

function addressOf(ip: ipaddr.IPv4 | ipaddr.IPv6): IpAddress {
  return { family: ip.kind() === 'ipv4' ? 'IPv4' : 'IPv6', ip, text: canonicalText(ip) };
}

function fromBigInt(value: bigint, family: IpFamily): IpAddress {
  const bytes: number[] = [];
  for (let i = bitsOf(family) / 8 - 1; i >= 0; i--) bytes.push(Number((value >> BigInt(i * 8)) & 0xffn));
  return addressOf(ipaddr.fromByteArray(bytes));
}

function toBigInt(address: IpAddress): bigint {
  let value = 0n;
  for (const byte of address.ip.toByteArray()) value = (value << 8n) | BigInt(byte);
  return value;
}

/** The mask of the host part of a prefix (the low `bits - prefix` bits set). */
const hostMask = (family: IpFamily, prefix: number): bigint => (1n << BigInt(bitsOf(family) - prefix)) - 1n;

/**
 * Parses one IPv4 or IPv6 address as Docker does: dotted-quad IPv4 (no leading zeros, no
 * shortened or hex forms), IPv6 in any RFC 4291 form without a zone index.
 */
export function parseIpAddress(text: string): AddressParse<IpAddress> {
  if (text.includes('/')) return { ok: false, problem: 'is a CIDR block, not a single address (drop the /prefix length)' };
  if (/\s/.test(text)) return { ok: false, problem: 'contains white space' };
  if (text.includes(':')) {
    if (text.includes('%')) return { ok: false, problem: 'has an IPv6 zone index (%…), which Docker does not accept here' };
    if (ipaddr.IPv6.isValid(text)) return { ok: true, value: addressOf(ipaddr.IPv6.parse(text)) };
    return { ok: false, problem: 'is not a valid IPv6 address' };
  }
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return { ok: true, value: addressOf(ipaddr.IPv4.parse(text)) };
  if (/^\d+(\.\d+){3}$/.test(text)) {
    return {
      ok: false,
      problem: text.split('.').some((o) => o.length > 1 && o.startsWith('0'))
        ? 'is not a valid IPv4 address (an octet has a leading zero)'
        : 'is not a valid IPv4 address (each octet is 0–255)',
    };
  }
  return { ok: false, problem: 'is not an IPv4 or IPv6 address' };
}

/** Builds the CIDR of an address and prefix length, clearing the host bits. */
export function cidrOf(address: IpAddress, prefix: number): Cidr {
  const network = fromBigInt(toBigInt(address) & ~hostMask(address.family, prefix), address.family);
  return { family: address.family, network, prefix, text: `${network.text}/${prefix}` };
}

/**
 * Parses `address/prefix` strictly: a problem when there is no `/prefix`, the address is
 * not one, the prefix is out of range for the family, or host bits are set (then `masked`
 * is the network address, which is what Docker's "it should be …" suggests).
 */
export function parseCidr(text: string): CidrParse {
  const slash = text.lastIndexOf('/');
  if (slash === -1) {
    const address = parseIpAddress(text);
    return {
      ok: false,
      problem: address.ok
        ? `has no prefix length: write it in CIDR notation (e.g. "${text}/${address.value.family === 'IPv4' ? 24 : 64}")`
        : 'is not in CIDR notation (address/prefix length)',
    };
  }
  const addressText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const address = parseIpAddress(addressText);
  if (!address.ok) {
    return { ok: false, problem: addressText === '' ? 'has no address before the /' : `does not start with an address: "${addressText}" ${address.problem}` };
  }
  const { family } = address.value;
  if (!/^\d+$/.test(prefixText)) return { ok: false, problem: `has "/${prefixText}" where a prefix length (a number, 0–${bitsOf(family)}) should be` };
  const prefix = Number(prefixText);
  if (prefix > bitsOf(family)) return { ok: false, problem: `has prefix length /${prefixText}, out of range for ${family} (0–${bitsOf(family)})` };
  const cidr = cidrOf(address.value, prefix);
  if ((toBigInt(address.value) & hostMask(family, prefix)) !== 0n) {
    return { ok: false, problem: `has host bits set: the network address is ${cidr.text}`, masked: cidr };
  }
  return { ok: true, value: cidr };
}

/**
 * The network a CIDR text denotes, host bits cleared when set (for judging ranges that another
 * check already reports as written wrongly); undefined when the text is not a CIDR at all.
 */
export function cidrOrMasked(text: string): Cidr | undefined {
  const parsed = parseCidr(text);
  return parsed.ok ? parsed.value : parsed.masked;
}

/** Same family and same address. */
export function sameAddress(a: IpAddress, b: IpAddress): boolean {
  return a.family === b.family && toBigInt(a) === toBigInt(b);
}

/** Whether the CIDR holds the address (never across families). */
export function cidrContains(cidr: Cidr, address: IpAddress): boolean {
  if (cidr.family !== address.family) return false;
  return (toBigInt(address) & ~hostMask(cidr.family, cidr.prefix)) === toBigInt(cidr.network);
}

/** Whether `outer` holds every address of `inner` (never across families). */
export function cidrContainsCidr(outer: Cidr, inner: Cidr): boolean {
  return outer.family === inner.family && outer.prefix <= inner.prefix && cidrContains(outer, inner.network);
}

/**
 * Whether two blocks share an address. CIDR blocks either nest or are disjoint, so they
 * overlap exactly when the wider one holds the other's network address. An IPv4 and an IPv6
 * block never overlap (IPv4-mapped IPv6 blocks are IPv6 here, as in Docker's IPAM).
 */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  if (a.family !== b.family) return false;
  return a.prefix <= b.prefix ? cidrContains(a, b.network) : cidrContains(b, a.network);
}

/** The first address of the block (host bits all zero). */
export function networkAddress(cidr: Cidr): IpAddress {
  return cidr.network;
}

/** The last address of the block (host bits all one). */
export function lastAddress(cidr: Cidr): IpAddress {
  return fromBigInt(toBigInt(cidr.network) | hostMask(cidr.family, cidr.prefix), cidr.family);
}

/**
 * The IPv4 broadcast address of a block that has one (prefix /30 or shorter; RFC 3021 /31s
 * and /32s have none); IPv6 has no broadcast.
 */
export function broadcastAddress(cidr: Cidr): IpAddress | undefined {
  return cidr.family === 'IPv4' && cidr.prefix <= 30 ? lastAddress(cidr) : undefined;
}

/** How many addresses the block holds. */
export function addressCount(cidr: Cidr): bigint {
  return 1n << BigInt(bitsOf(cidr.family) - cidr.prefix);
}

/**
 * An address of the block that Docker's IPAM never hands out: the network address (except in
 * an IPv4 /31 or /32, which have none; in IPv6 it is the subnet-router anycast address) and
 * the IPv4 broadcast address. Undefined for any other address.
 */
export function reservedAddressKind(cidr: Cidr, address: IpAddress): 'network' | 'broadcast' | undefined {
  if (!cidrContains(cidr, address)) return undefined;
  if (!(cidr.family === 'IPv4' && cidr.prefix > 30) && sameAddress(address, cidr.network)) return 'network';
  const broadcast = broadcastAddress(cidr);
  if (broadcast && sameAddress(address, broadcast)) return 'broadcast';
  return undefined;
}

/**
 * The gateway Docker's default IPAM picks when `gateway` is not set: the first address it
 * does not reserve (the `.1` of an IPv4 subnet, `::1` of an IPv6 one). Undefined for a block
 * with no such address.
 */
export function defaultGatewayAddress(cidr: Cidr): IpAddress | undefined {
  const first = cidr.family === 'IPv4' && cidr.prefix > 30 ? 0n : 1n;
  if (first >= addressCount(cidr)) return undefined;
  return fromBigInt(toBigInt(cidr.network) + first, cidr.family);
}

/** A block Docker allocates networks from, split in blocks of `size` bits of prefix. */
export interface AddressPool {
  readonly base: Cidr;
  readonly size: number;
}

function pool(base: string, size: number): AddressPool {
  const parsed = parseCidr(base);
  if (!parsed.ok) throw new Error(`bad pool ${base}`);
  return { base: parsed.value, size };
}

/** The default bridge network (`docker0`), 172.17.0.0/16. */
export const DEFAULT_BRIDGE_SUBNET: Cidr = pool('172.17.0.0/16', 16).base;

/**
 * Docker's default local-scope address pools (libnetwork ipamutils): 172.17.0.0/16 …
 * 172.31.0.0/16 in /16 blocks and 192.168.0.0/16 in /20 blocks. Bridge, macvlan and ipvlan
 * networks without a configured subnet get theirs from here.
 */
export const DEFAULT_ADDRESS_POOLS: readonly AddressPool[] = [
  pool('172.17.0.0/16', 16),
  pool('172.18.0.0/16', 16),
  pool('172.19.0.0/16', 16),
  pool('172.20.0.0/14', 16),
  pool('172.24.0.0/14', 16),
  pool('172.28.0.0/14', 16),
  pool('192.168.0.0/16', 20),
];

/** Docker's default global-scope (swarm) pool: 10.0.0.0/8 in /24 blocks, for overlay networks. */
export const SWARM_ADDRESS_POOLS: readonly AddressPool[] = [pool('10.0.0.0/8', 24)];

/** A default range a subnet collides with, described for a message. */
export interface PoolOverlap {
  /** The default bridge (docker0), a local-scope pool, or the swarm (global-scope) pool. */
  readonly kind: 'default-bridge' | 'local' | 'swarm';
  /** e.g. `the default bridge 172.17.0.0/16`. */
  readonly description: string;
  /** The blocks of that range the subnet overlaps. */
  readonly ranges: readonly Cidr[];
}

const POOL_GROUPS: readonly { kind: PoolOverlap['kind']; description: string; ranges: readonly Cidr[] }[] = [
  { kind: 'default-bridge', description: `the default bridge ${DEFAULT_BRIDGE_SUBNET.text}`, ranges: [DEFAULT_BRIDGE_SUBNET] },
  {
    kind: 'local',
    description: "Docker's default address pool 172.17.0.0/16 … 172.31.0.0/16",
    ranges: DEFAULT_ADDRESS_POOLS.filter((p) => p.base.network.text.startsWith('172.')).map((p) => p.base),
  },
  {
    kind: 'local',
    description: "Docker's default address pool 192.168.0.0/16",
    ranges: DEFAULT_ADDRESS_POOLS.filter((p) => p.base.network.text.startsWith('192.168.')).map((p) => p.base),
  },
  { kind: 'swarm', description: "Docker's swarm address pool 10.0.0.0/8", ranges: SWARM_ADDRESS_POOLS.map((p) => p.base) },
];

/**
 * The first of Docker's default ranges that a subnet overlaps, most specific first: the
 * default bridge, the 172.17–172.31 pool, the 192.168 pool, and (only with `swarm`, for overlay
 * networks, which take their subnets from the global scope) the swarm pool 10.0.0.0/8.
 */
export function defaultPoolOverlap(cidr: Cidr, options: { swarm?: boolean } = {}): PoolOverlap | undefined {
  for (const group of POOL_GROUPS) {
    if (group.kind === 'swarm' && !options.swarm) continue;
    const ranges = group.ranges.filter((range) => cidrsOverlap(range, cidr));
    if (ranges.length > 0) return { kind: group.kind, description: group.description, ranges };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading addresses out of the Compose model.

/**
 * The text of a scalar that holds an address or CIDR to judge: a string, not empty (an unset
 * variable leaves it empty, and Docker treats empty as not set) and not holding an unresolved
 * variable. Undefined for anything else (the schema reports wrong types).
 */
export function addressText(node: Node | undefined): string | undefined {
  if (!isScalar(node) || typeof node.value !== 'string') return undefined;
  return node.value === '' || isUninterpolated(node.value) ? undefined : node.value;
}

/** One entry of a network's `ipam.config`, as written (each part present only when a scalar). */
export interface IpamConfigEntry {
  node: MapNode;
  /** The entry's index under `ipam.config`. */
  index: number;
  subnet?: ScalarNode;
  ipRange?: ScalarNode;
  gateway?: ScalarNode;
  /** Pairs of `aux_addresses` (name → address). */
  auxAddresses: Pair[];
  /** Pairs of the keys present, for reporting at a key. */
  pairs: { subnet?: Pair; ipRange?: Pair; gateway?: Pair; auxAddresses?: Pair };
}

/** The `ipam.config` entries of a network declaration; wrong shapes (the schema reports them) are skipped. */
export function ipamConfigs(network: Node | undefined): IpamConfigEntry[] {
  const config = get(get(network, 'ipam'), 'config');
  if (!isSeq(config)) return [];
  const entries: IpamConfigEntry[] = [];
  config.items.forEach((item, index) => {
    if (!isMap(item)) return;
    const scalarAt = (key: string) => {
      const value = get(item, key);
      return isScalar(value) ? value : undefined;
    };
    const aux = get(item, 'aux_addresses');
    const pairOf = (key: string) => item.entries.get(key);
    entries.push({
      node: item,
      index,
      subnet: scalarAt('subnet'),
      ipRange: scalarAt('ip_range'),
      gateway: scalarAt('gateway'),
      auxAddresses: isMap(aux) ? [...aux.entries.values()] : [],
      pairs: { subnet: pairOf('subnet'), ipRange: pairOf('ip_range'), gateway: pairOf('gateway'), auxAddresses: pairOf('aux_addresses') },
    });
  });
  return entries;
}

/** An ipam entry's subnet: as written, and as a block (host bits masked off, which Docker does too). */
export interface ConfiguredSubnet {
  text: string;
  cidr: Cidr;
  node: ScalarNode;
}

/** The subnet an ipam entry configures; undefined when it has none that parses (valid-ipam reports that). */
export function configuredSubnet(entry: IpamConfigEntry): ConfiguredSubnet | undefined {
  const text = addressText(entry.subnet);
  const cidr = text === undefined ? undefined : cidrOrMasked(text);
  return entry.subnet && text !== undefined && cidr ? { text, cidr, node: entry.subnet } : undefined;
}

/** `external: true` (or the legacy `external: {name: …}`): the network is not the project's to configure. */
export function isExternalNetwork(network: Node | undefined): boolean {
  const external = get(network, 'external');
  if (isMap(external)) return true;
  return isScalar(external) && (external.value === true || (typeof external.value === 'string' && external.value.toLowerCase() === 'true'));
}
