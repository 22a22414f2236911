import { isAtLeast, type EngineVersion } from './engine-version.js';

/**
 * What Docker's networking does at a given Engine version, where releases differ. Each flag cites
 * where it is documented; ENGINE_DIFFERENCES (docs/engine-versions.md) lists the same with the
 * versions, and engine-behaviour.test.ts checks each at a version before and after.
 */
export interface EngineBehaviour {
  /**
   * Ports published to 127.0.0.1 or ::1 are out of reach of hosts on the same L2 segment (28.0+;
   * before, neighbours reach them: moby/moby#45610, fixed by moby/moby#49325).
   */
  loopbackPublishStaysLocal: boolean;
  /**
   * Direct routing from remote hosts to a container's unpublished ports is blocked in `nat` mode
   * (28.0+, moby/moby#48724). Before, a host with a route to the network reached every port where
   * the host's filter-FORWARD policy was ACCEPT.
   */
  unpublishedPortsFiltered: boolean;
  /** `gateway_mode_ipv4/ipv6: routed` exists (27.0+, moby/moby#47871). */
  routedMode: boolean;
  /** `nat-unprotected` (moby/moby#48597) and `isolated` (moby/moby#49262) exist (28.0+). */
  natUnprotectedAndIsolatedModes: boolean;
  /** Containers on other bridge networks reach a `routed` network's published ports directly (28.0+, moby/moby#48596). */
  routedReachableFromOtherNetworks: boolean;
  /**
   * An `internal` bridge has an address on the host, so the host reaches its containers and they
   * reach the host's services (not in 25.0.0–25.0.3: moby/moby#47329, restored by moby/moby#47356).
   */
  internalBridgeHasHostAddress: boolean;
  /** `enable_ipv4: false` makes an IPv6-only network (28.0+, docker/cli#5599); before, the network gets IPv4 anyway. */
  ipv4CanBeDisabled: boolean;
  /**
   * No gateway address is reserved on an internal bridge whose bridge gets no IPv4 address
   * (`inhibit_ipv4`), nor in the `isolated` mode (28.0+, the bridge driver's GetSkipGwAlloc);
   * before, every bridge subnet reserves one.
   */
  gatewaySkippedWithoutBridgeAddress: boolean;
  /**
   * A static address is checked against the pools the network was allocated (29.1+, moby/moby#51577):
   * an address in a pool Docker chose is accepted, one of a family the network has no pool of
   * (IPv6 without `enable_ipv6`, IPv4 with `enable_ipv4: false`) is refused. Before, it was checked
   * against the configured subnets: without one it is refused, and an address of a family the
   * network does not enable is accepted and never assigned.
   */
  staticAddressInAllocatedPool: boolean;
  /**
   * A static address is checked against the network's configured subnets when the container is
   * connected (25.0+, the endpoint settings' IsInRange), so one outside them is refused even in a
   * family the network does not enable; before, only the allocation checked it, which that family never makes.
   */
  staticAddressCheckedOnConnect: boolean;
}

export function engineBehaviour(version: EngineVersion): EngineBehaviour {
  const since28 = isAtLeast(version, '28');
  return {
    loopbackPublishStaysLocal: since28,
    unpublishedPortsFiltered: since28,
    routedMode: isAtLeast(version, '27'),
    natUnprotectedAndIsolatedModes: since28,
    routedReachableFromOtherNetworks: since28,
    internalBridgeHasHostAddress: !isAtLeast(version, '25') || isAtLeast(version, '25.0.4'),
    ipv4CanBeDisabled: since28,
    gatewaySkippedWithoutBridgeAddress: since28,
    staticAddressInAllocatedPool: isAtLeast(version, '29.1'),
    staticAddressCheckedOnConnect: isAtLeast(version, '25'),
  };
}

/** One behaviour that differs between Engine versions, for the documentation's table. */
export interface EngineDifference {
  behaviour: string;
  before: string;
  after: string;
  /** The first release that behaves as `after` (a range for behaviours that came back). */
  since: string;
  docs: { title: string; url: string }[];
}

const RELEASE_NOTES_28 = { title: 'Engine 28.0.0 release notes', url: 'https://docs.docker.com/engine/release-notes/28/#2800' };
const PORT_PUBLISHING = { title: 'Port publishing and mapping', url: 'https://docs.docker.com/engine/network/port-publishing/' };
const STATIC_ADDRESS_POOLS = { title: 'moby/moby#51577', url: 'https://github.com/moby/moby/pull/51577' };
const STATIC_ADDRESSES = {
  title: 'Compose services: ipv4_address, ipv6_address',
  url: 'https://docs.docker.com/reference/compose-file/services/#ipv4_address-ipv6_address',
};
const GATEWAY_MODES = { title: 'Gateway modes', url: 'https://docs.docker.com/engine/network/port-publishing/#gateway-modes' };

export const ENGINE_DIFFERENCES: readonly EngineDifference[] = [
  {
    behaviour: 'A port published to `127.0.0.1` or `::1`',
    before: 'reached by hosts on the same L2 segment too',
    after: 'reached from the Docker host only',
    since: '28.0.0',
    docs: [PORT_PUBLISHING, RELEASE_NOTES_28, { title: 'moby/moby#45610', url: 'https://github.com/moby/moby/issues/45610' }],
  },
  {
    behaviour: "Direct routing to a container's unpublished ports (`nat` gateway mode)",
    before: "reached by a remote host with a route to the network where the host's filter-FORWARD policy is ACCEPT",
    after: 'blocked; only published ports',
    since: '28.0.0',
    docs: [RELEASE_NOTES_28, { title: 'moby/moby#48724', url: 'https://github.com/moby/moby/pull/48724' }],
  },
  {
    behaviour: '`com.docker.network.bridge.gateway_mode_ipv4/ipv6: routed`',
    before: 'not an option: the network is `nat`',
    after: 'no NAT: hosts with a route reach the published container ports directly, and no host port is bound for that family',
    since: '27.0.1',
    docs: [GATEWAY_MODES, { title: 'Engine 27.0 release notes', url: 'https://docs.docker.com/engine/release-notes/27/#2701' }],
  },
  {
    behaviour: 'A `routed` network from containers on other bridge networks',
    before: 'out of reach',
    after: 'its published ports are reached directly',
    since: '28.0.0',
    docs: [GATEWAY_MODES, RELEASE_NOTES_28],
  },
  {
    behaviour: 'Gateway modes `nat-unprotected` and `isolated`',
    before: 'not options: the network is `nat`',
    after: '`nat-unprotected`: every port reached by direct routing; `isolated` (internal networks): no address on the host',
    since: '28.0.0',
    docs: [GATEWAY_MODES, RELEASE_NOTES_28],
  },
  {
    behaviour: 'An `internal` bridge network and the host',
    before: '25.0.0–25.0.3: no address on the host, so neither reaches the other',
    after: "the bridge has an address: the host reaches the containers, and they reach the host's services",
    since: 'before 25.0.0, and 25.0.4',
    docs: [
      GATEWAY_MODES,
      { title: 'moby/moby#47329', url: 'https://github.com/moby/moby/issues/47329' },
      { title: 'moby/moby#47356', url: 'https://github.com/moby/moby/pull/47356' },
    ],
  },
  {
    behaviour: '`enable_ipv4: false` on a network',
    before: 'ignored: the network has IPv4',
    after: 'an IPv6-only network: ports published to IPv4 host addresses are not bound',
    since: '28.0.0',
    docs: [RELEASE_NOTES_28, { title: 'Compose networks: enable_ipv4', url: 'https://docs.docker.com/reference/compose-file/networks/#enable_ipv4' }],
  },
  {
    behaviour: 'A gateway address on an `internal` bridge with `com.docker.network.bridge.inhibit_ipv4`, or in the `isolated` mode',
    before: 'reserved (the first address of the subnet), so a static address equal to it is refused',
    after: 'not reserved: a container may take it',
    since: '28.0.0',
    docs: [GATEWAY_MODES, RELEASE_NOTES_28],
  },
  {
    behaviour: 'A static address on a network without a configured subnet of its family',
    before: 'refused ("user specified IP address is supported only when connecting to networks with user configured subnets")',
    after: 'accepted when it falls in the subnet Docker allocated, refused otherwise ("no configured subnet contains IP address")',
    since: '29.1.0',
    docs: [STATIC_ADDRESSES, STATIC_ADDRESS_POOLS],
  },
  {
    behaviour: '`ipv6_address` on a network without `enable_ipv6`, `ipv4_address` on an `enable_ipv4: false` network',
    before: 'with a configured subnet of that family: accepted, and the container starts without the address (from 25.0, refused when outside that subnet)',
    after: 'refused: the network has no pool of that family ("no configured subnet contains IP address")',
    since: '29.1.0',
    docs: [
      STATIC_ADDRESSES,
      { title: 'Compose networks: enable_ipv6', url: 'https://docs.docker.com/reference/compose-file/networks/#enable_ipv6' },
      STATIC_ADDRESS_POOLS,
    ],
  },
];
