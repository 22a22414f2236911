import { describe, expect, it } from 'vitest';
import { memoryHost } from '../host.js';
import { loadProject } from '../load/load-project.js';
import { get } from '../source/node.js';
import {
  addressCount,
  addressText,
  broadcastAddress,
  cidrContains,
  cidrContainsCidr,
  cidrOrMasked,
  cidrsOverlap,
  defaultGatewayAddress,
  defaultPoolOverlap,
  DEFAULT_ADDRESS_POOLS,
  DEFAULT_BRIDGE_SUBNET,
  ipamConfigs,
  configuredSubnet,
  isExternalNetwork,
  lastAddress,
  networkAddress,
  parseCidr,
  parseIpAddress,
  reservedAddressKind,
  sameAddress,
  SWARM_ADDRESS_POOLS,
  type Cidr,
  type IpAddress,
} from './addresses.js';

/** Parses what a test knows to be valid. */
const cidr = (text: string): Cidr => {
  const parsed = parseCidr(text);
  if (!parsed.ok) throw new Error(`${text} ${parsed.problem}`);
  return parsed.value;
};
const ip = (text: string): IpAddress => {
  const parsed = parseIpAddress(text);
  if (!parsed.ok) throw new Error(`${text} ${parsed.problem}`);
  return parsed.value;
};
const problemOf = (parsed: { ok: boolean; problem?: string }) => (parsed.ok ? undefined : parsed.problem);

describe('parseIpAddress', () => {
  it('reads IPv4 in dotted-quad form and gives its family and canonical text', () => {
    expect(parseIpAddress('172.28.0.10')).toMatchObject({ ok: true, value: { family: 'IPv4', text: '172.28.0.10' } });
    expect(parseIpAddress('0.0.0.0')).toMatchObject({ ok: true, value: { text: '0.0.0.0' } });
  });

  it('reads IPv6 in any form and gives RFC 5952 text', () => {
    expect(parseIpAddress('FD00:0:0:0::0010')).toMatchObject({ ok: true, value: { family: 'IPv6', text: 'fd00::10' } });
    expect(parseIpAddress('2001:db8::1')).toMatchObject({ ok: true, value: { family: 'IPv6', text: '2001:db8::1' } });
    expect(parseIpAddress('::')).toMatchObject({ ok: true, value: { text: '::' } });
    expect(parseIpAddress('::ffff:10.1.2.3')).toMatchObject({ ok: true, value: { family: 'IPv6', text: '::ffff:10.1.2.3' } });
  });

  it('refuses what Go netip refuses: shortened, octal and hex IPv4, out-of-range octets, zones', () => {
    expect(problemOf(parseIpAddress('10.1'))).toBe('is not an IPv4 or IPv6 address');
    expect(problemOf(parseIpAddress('0x0a.0.0.1'))).toBe('is not an IPv4 or IPv6 address');
    expect(problemOf(parseIpAddress('010.0.0.1'))).toBe('is not a valid IPv4 address (an octet has a leading zero)');
    expect(problemOf(parseIpAddress('172.28.0.300'))).toBe('is not a valid IPv4 address (each octet is 0–255)');
    expect(problemOf(parseIpAddress('fe80::1%eth0'))).toBe('has an IPv6 zone index (%…), which Docker does not accept here');
    expect(problemOf(parseIpAddress('fd00::1::2'))).toBe('is not a valid IPv6 address');
    expect(problemOf(parseIpAddress('[::1]'))).toBe('is not a valid IPv6 address');
  });

  it('says when a CIDR or padded text was given instead of an address', () => {
    expect(problemOf(parseIpAddress('172.28.0.1/16'))).toBe('is a CIDR block, not a single address (drop the /prefix length)');
    expect(problemOf(parseIpAddress(' 10.0.0.1'))).toBe('contains white space');
    expect(problemOf(parseIpAddress('gateway'))).toBe('is not an IPv4 or IPv6 address');
    expect(problemOf(parseIpAddress(''))).toBe('is not an IPv4 or IPv6 address');
  });
});

describe('parseCidr', () => {
  it('reads IPv4 and IPv6 blocks', () => {
    expect(parseCidr('172.28.0.0/16')).toMatchObject({ ok: true, value: { family: 'IPv4', prefix: 16, text: '172.28.0.0/16' } });
    expect(parseCidr('fd00:0::/64')).toMatchObject({ ok: true, value: { family: 'IPv6', prefix: 64, text: 'fd00::/64' } });
    expect(parseCidr('0.0.0.0/0')).toMatchObject({ ok: true, value: { prefix: 0 } });
    expect(parseCidr('10.1.2.3/32')).toMatchObject({ ok: true, value: { text: '10.1.2.3/32' } });
    expect(parseCidr('2001:db8::1/128')).toMatchObject({ ok: true, value: { text: '2001:db8::1/128' } });
  });

  it('says what is missing when there is no prefix length', () => {
    expect(problemOf(parseCidr('172.28.0.0'))).toBe('has no prefix length: write it in CIDR notation (e.g. "172.28.0.0/24")');
    expect(problemOf(parseCidr('fd00::'))).toBe('has no prefix length: write it in CIDR notation (e.g. "fd00::/64")');
    expect(problemOf(parseCidr('subnet'))).toBe('is not in CIDR notation (address/prefix length)');
  });

  it('names the bad address or prefix', () => {
    expect(problemOf(parseCidr('172.28.0.256/24'))).toBe('does not start with an address: "172.28.0.256" is not a valid IPv4 address (each octet is 0–255)');
    expect(problemOf(parseCidr('/24'))).toBe('has no address before the /');
    expect(problemOf(parseCidr('10.0.0.0/x'))).toBe('has "/x" where a prefix length (a number, 0–32) should be');
    expect(problemOf(parseCidr('10.0.0.0/-1'))).toBe('has "/-1" where a prefix length (a number, 0–32) should be');
    expect(problemOf(parseCidr('10.0.0.0/'))).toBe('has "/" where a prefix length (a number, 0–32) should be');
  });

  it('checks the prefix length against the family', () => {
    expect(problemOf(parseCidr('10.0.0.0/33'))).toBe('has prefix length /33, out of range for IPv4 (0–32)');
    expect(problemOf(parseCidr('fd00::/129'))).toBe('has prefix length /129, out of range for IPv6 (0–128)');
    expect(parseCidr('fd00::/96').ok).toBe(true);
  });

  it('refuses host bits and gives the network address Docker would ask for', () => {
    const parsed = parseCidr('172.28.5.1/16');
    expect(parsed).toMatchObject({ ok: false, problem: 'has host bits set: the network address is 172.28.0.0/16', masked: { text: '172.28.0.0/16' } });
    expect(parseCidr('fd00::1/64')).toMatchObject({ ok: false, problem: 'has host bits set: the network address is fd00::/64', masked: { text: 'fd00::/64' } });
    expect(parseCidr('2001:db8:1234::/32')).toMatchObject({ ok: false, masked: { text: '2001:db8::/32' } });
    expect(parseCidr('10.0.0.1/31')).toMatchObject({ ok: false, masked: { text: '10.0.0.0/31' } });
  });

  it('cidrOrMasked keeps the network of a block with host bits, and nothing of a malformed one', () => {
    expect(cidrOrMasked('172.28.5.1/16')?.text).toBe('172.28.0.0/16');
    expect(cidrOrMasked('172.28.0.0/16')?.text).toBe('172.28.0.0/16');
    expect(cidrOrMasked('172.28.0.0')).toBeUndefined();
  });
});

describe('containment and overlap', () => {
  it('cidrContains holds addresses of the block only, never across families', () => {
    expect(cidrContains(cidr('172.28.0.0/16'), ip('172.28.255.255'))).toBe(true);
    expect(cidrContains(cidr('172.28.0.0/16'), ip('172.29.0.0'))).toBe(false);
    expect(cidrContains(cidr('172.28.0.0/16'), ip('172.27.255.255'))).toBe(false);
    expect(cidrContains(cidr('fd00::/64'), ip('fd00::ffff:1'))).toBe(true);
    expect(cidrContains(cidr('fd00::/64'), ip('fd00:0:0:1::1'))).toBe(false);
    expect(cidrContains(cidr('0.0.0.0/0'), ip('255.255.255.255'))).toBe(true);
    expect(cidrContains(cidr('::/0'), ip('10.0.0.1'))).toBe(false);
    expect(cidrContains(cidr('10.0.0.0/8'), ip('::ffff:10.0.0.1'))).toBe(false);
  });

  it('cidrContainsCidr needs the inner block to be no wider and inside', () => {
    expect(cidrContainsCidr(cidr('172.28.0.0/16'), cidr('172.28.5.0/24'))).toBe(true);
    expect(cidrContainsCidr(cidr('172.28.5.0/24'), cidr('172.28.0.0/16'))).toBe(false);
    expect(cidrContainsCidr(cidr('172.28.0.0/16'), cidr('172.28.0.0/16'))).toBe(true);
    expect(cidrContainsCidr(cidr('172.28.0.0/16'), cidr('172.29.0.0/24'))).toBe(false);
    expect(cidrContainsCidr(cidr('fd00::/48'), cidr('fd00:0:0:ff::/64'))).toBe(true);
    expect(cidrContainsCidr(cidr('fd00::/64'), cidr('fd00::/48'))).toBe(false);
  });

  it('cidrsOverlap is symmetric, covers nesting and equality, and never crosses families', () => {
    const cases: [string, string, boolean][] = [
      ['172.28.0.0/16', '172.28.5.0/24', true],
      ['172.28.0.0/16', '172.28.0.0/16', true],
      ['172.28.0.0/16', '172.29.0.0/16', false],
      ['10.0.0.0/25', '10.0.0.128/25', false],
      ['10.0.0.0/24', '10.0.0.255/32', true],
      ['0.0.0.0/0', '192.168.1.0/24', true],
      ['fd00::/64', 'fd00::/48', true],
      ['fd00::/64', 'fd00:0:0:1::/64', false],
      ['2001:db8::/32', '2001:db8:ffff::/48', true],
      ['2001:db8::/32', '2001:db9::/32', false],
      ['10.0.0.0/8', '::/0', false],
      ['10.0.0.0/8', '::ffff:10.0.0.0/104', false],
    ];
    for (const [a, b, expected] of cases) {
      expect(cidrsOverlap(cidr(a), cidr(b)), `${a} vs ${b}`).toBe(expected);
      expect(cidrsOverlap(cidr(b), cidr(a)), `${b} vs ${a}`).toBe(expected);
    }
  });

  it('sameAddress compares values, not spellings', () => {
    expect(sameAddress(ip('fd00::10'), ip('FD00:0:0::10'))).toBe(true);
    expect(sameAddress(ip('10.0.0.1'), ip('10.0.0.2'))).toBe(false);
    expect(sameAddress(ip('10.0.0.1'), ip('::ffff:10.0.0.1'))).toBe(false);
  });
});

describe('addresses of a block', () => {
  it('gives the network, last and broadcast addresses', () => {
    expect(networkAddress(cidr('172.28.0.0/16')).text).toBe('172.28.0.0');
    expect(lastAddress(cidr('172.28.0.0/16')).text).toBe('172.28.255.255');
    expect(broadcastAddress(cidr('172.28.0.0/16'))?.text).toBe('172.28.255.255');
    expect(broadcastAddress(cidr('10.0.0.0/30'))?.text).toBe('10.0.0.3');
    expect(lastAddress(cidr('fd00::/64')).text).toBe('fd00::ffff:ffff:ffff:ffff');
    expect(lastAddress(cidr('2001:db8::/32')).text).toBe('2001:db8:ffff:ffff:ffff:ffff:ffff:ffff');
    expect(lastAddress(cidr('0.0.0.0/0')).text).toBe('255.255.255.255');
  });

  it('has no broadcast address for IPv6, /31 or /32', () => {
    expect(broadcastAddress(cidr('fd00::/64'))).toBeUndefined();
    expect(broadcastAddress(cidr('10.0.0.0/31'))).toBeUndefined();
    expect(broadcastAddress(cidr('10.0.0.7/32'))).toBeUndefined();
  });

  it('counts addresses', () => {
    expect(addressCount(cidr('10.0.0.0/24'))).toBe(256n);
    expect(addressCount(cidr('10.0.0.0/32'))).toBe(1n);
    expect(addressCount(cidr('fd00::/64'))).toBe(2n ** 64n);
  });

  it('knows the addresses Docker reserves: the network address (IPv6 too) and the IPv4 broadcast', () => {
    expect(reservedAddressKind(cidr('172.28.0.0/16'), ip('172.28.0.0'))).toBe('network');
    expect(reservedAddressKind(cidr('172.28.0.0/16'), ip('172.28.255.255'))).toBe('broadcast');
    expect(reservedAddressKind(cidr('172.28.0.0/16'), ip('172.28.0.1'))).toBeUndefined();
    expect(reservedAddressKind(cidr('fd00::/64'), ip('fd00::'))).toBe('network');
    expect(reservedAddressKind(cidr('fd00::/64'), ip('fd00::ffff:ffff:ffff:ffff'))).toBeUndefined();
    expect(reservedAddressKind(cidr('10.0.0.0/31'), ip('10.0.0.0'))).toBeUndefined();
    expect(reservedAddressKind(cidr('10.0.0.0/31'), ip('10.0.0.1'))).toBeUndefined();
    expect(reservedAddressKind(cidr('172.28.0.0/16'), ip('172.29.0.0'))).toBeUndefined();
  });

  it('gives the gateway Docker picks when none is set: the first address it does not reserve', () => {
    expect(defaultGatewayAddress(cidr('172.28.0.0/16'))?.text).toBe('172.28.0.1');
    expect(defaultGatewayAddress(cidr('fd00::/64'))?.text).toBe('fd00::1');
    expect(defaultGatewayAddress(cidr('10.0.0.0/31'))?.text).toBe('10.0.0.0');
    expect(defaultGatewayAddress(cidr('fd00::/128'))).toBeUndefined();
  });
});

describe("Docker's default address pools", () => {
  it('are 172.17.0.0/16 … 172.31.0.0/16 in /16 and 192.168.0.0/16 in /20; the swarm pool 10.0.0.0/8 in /24', () => {
    expect(DEFAULT_BRIDGE_SUBNET.text).toBe('172.17.0.0/16');
    expect(DEFAULT_ADDRESS_POOLS.map((p) => `${p.base.text}:${p.size}`)).toEqual([
      '172.17.0.0/16:16',
      '172.18.0.0/16:16',
      '172.19.0.0/16:16',
      '172.20.0.0/14:16',
      '172.24.0.0/14:16',
      '172.28.0.0/14:16',
      '192.168.0.0/16:20',
    ]);
    expect(SWARM_ADDRESS_POOLS.map((p) => `${p.base.text}:${p.size}`)).toEqual(['10.0.0.0/8:24']);
  });

  it('says which kind of range it is and which of its blocks the subnet overlaps', () => {
    expect(defaultPoolOverlap(cidr('172.17.0.0/16'))).toMatchObject({ kind: 'default-bridge' });
    const pool = defaultPoolOverlap(cidr('172.18.0.0/15'));
    expect(pool?.kind).toBe('local');
    expect(pool?.ranges.map((r) => r.text)).toEqual(['172.18.0.0/16', '172.19.0.0/16']);
    expect(defaultPoolOverlap(cidr('10.0.0.0/16'), { swarm: true })).toMatchObject({ kind: 'swarm' });
  });

  it('names the default bridge first, then the pool a subnet overlaps', () => {
    expect(defaultPoolOverlap(cidr('172.17.5.0/24'))?.description).toBe('the default bridge 172.17.0.0/16');
    expect(defaultPoolOverlap(cidr('172.16.0.0/12'))?.description).toBe('the default bridge 172.17.0.0/16');
    expect(defaultPoolOverlap(cidr('172.28.0.0/16'))?.description).toBe("Docker's default address pool 172.17.0.0/16 … 172.31.0.0/16");
    expect(defaultPoolOverlap(cidr('172.31.255.0/24'))?.description).toBe("Docker's default address pool 172.17.0.0/16 … 172.31.0.0/16");
    expect(defaultPoolOverlap(cidr('192.168.1.0/24'))?.description).toBe("Docker's default address pool 192.168.0.0/16");
    expect(defaultPoolOverlap(cidr('192.0.0.0/8'))?.description).toBe("Docker's default address pool 192.168.0.0/16");
  });

  it('leaves ranges outside the pools alone, and 10.0.0.0/8 to overlay networks', () => {
    expect(defaultPoolOverlap(cidr('172.16.0.0/16'))).toBeUndefined();
    expect(defaultPoolOverlap(cidr('172.32.0.0/16'))).toBeUndefined();
    expect(defaultPoolOverlap(cidr('192.169.0.0/16'))).toBeUndefined();
    expect(defaultPoolOverlap(cidr('10.10.0.0/16'))).toBeUndefined();
    expect(defaultPoolOverlap(cidr('10.10.0.0/16'), { swarm: true })?.description).toBe("Docker's swarm address pool 10.0.0.0/8");
    expect(defaultPoolOverlap(cidr('fd00::/64'), { swarm: true })).toBeUndefined();
  });
});

describe('reading the Compose model', () => {
  const project = loadProject({
    host: memoryHost({
      '/p/compose.yaml': `
services:
  web:
    image: nginx:1.27
    networks: [front, ext]
networks:
  front:
    ipam:
      config:
        - subnet: 172.28.0.0/16
          ip_range: 172.28.5.0/24
          gateway: 172.28.0.1
          aux_addresses:
            router: 172.28.1.5
        - subnet: fd00::/64
        - just-a-string
  ext:
    external:
      name: shared
`,
    }),
    cwd: '/p',
    env: {},
  });
  const networks = get(project.root, 'networks');

  it('lists ipam.config entries with their located parts, skipping wrong shapes', () => {
    const entries = ipamConfigs(get(networks, 'front'));
    expect(
      entries.map((e) => [e.index, addressText(e.subnet), addressText(e.ipRange), addressText(e.gateway), e.auxAddresses.map((p) => addressText(p.value))]),
    ).toEqual([
      [0, '172.28.0.0/16', '172.28.5.0/24', '172.28.0.1', ['172.28.1.5']],
      [1, 'fd00::/64', undefined, undefined, []],
    ]);
    expect(entries[0].subnet?.loc?.file).toBe('/p/compose.yaml');
    expect(entries[0].pairs.gateway?.key.value).toBe('gateway');
    expect(ipamConfigs(get(networks, 'ext'))).toEqual([]);
    expect(ipamConfigs(undefined)).toEqual([]);
  });

  it('configuredSubnet gives a parsed subnet with host bits masked off, and nothing for a missing or malformed one', () => {
    const subnet = (text: string | undefined) =>
      configuredSubnet({
        node: { kind: 'map', entries: new Map() },
        index: 0,
        subnet: text === undefined ? undefined : { kind: 'scalar', value: text },
        auxAddresses: [],
        pairs: {},
      });
    expect([subnet('10.1.2.3/16'), subnet('fd00::/64')].map((s) => [s?.text, s?.cidr.text])).toEqual([
      ['10.1.2.3/16', '10.1.0.0/16'],
      ['fd00::/64', 'fd00::/64'],
    ]);
    expect([subnet(undefined), subnet('10.1.2/33'), subnet('${SUBNET}')]).toEqual([undefined, undefined, undefined]);
  });

  it('tells external networks apart', () => {
    expect(isExternalNetwork(get(networks, 'ext'))).toBe(true);
    expect(isExternalNetwork(get(networks, 'front'))).toBe(false);
  });

  it('addressText leaves out empty, unresolved, non-string and non-scalar values', () => {
    expect(addressText({ kind: 'scalar', value: '${SUBNET}' })).toBeUndefined();
    expect(addressText({ kind: 'scalar', value: '' })).toBeUndefined();
    expect(addressText({ kind: 'scalar', value: null })).toBeUndefined();
    expect(addressText({ kind: 'scalar', value: true })).toBeUndefined();
    expect(addressText({ kind: 'seq', items: [] })).toBeUndefined();
    expect(addressText({ kind: 'scalar', value: 1500 })).toBeUndefined();
    expect(addressText({ kind: 'scalar', value: '10.0.0.0/8' })).toBe('10.0.0.0/8');
  });
});
