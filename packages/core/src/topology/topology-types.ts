import type { DirectedGraph } from 'graphology';
import type { Node, Pair, ScalarNode } from '../source/node.js';
import type { EngineVersion } from './engine-version.js';
import type { LanAccess } from './lan-access.js';
import type { NetworkAddressing } from './network-options.js';

/** The topology's types, apart from the code that builds it (topology.ts), so that its helpers can name them. */

export interface TopologyNetwork {
  /** The key under top-level `networks`. */
  key: string;
  /** The name Docker gives it (`{project}_{key}` unless `name:` or external). */
  name: string;
  driver: string;
  internal: boolean;
  external: boolean;
  /** `com.docker.network.bridge.enable_icc: "false"` stops members talking to each other. */
  icc: boolean;
  /** Address families, gateway modes and whether the bridge has an address on the host, at the Engine version. */
  addressing: NetworkAddressing;
  /**
   * Enabled services attached, directly or through a shared namespace. Keys whose `name:` is the
   * same are one Docker network (Compose creates it once): each lists the members of all of them.
   */
  members: string[];
  /** Its declaration, when the user wrote one. */
  pair?: Pair;
  /** Its declaration as a node (empty mapping for the implicit `default`). */
  node?: Node;
}

/**
 * How a service is wired: its own `networks`, or a `network_mode`: `network` is a network of the
 * project named by its Docker name, `container` any namespace or network outside the project.
 */
export type NetworkMode = 'networks' | 'host' | 'none' | 'service' | 'container' | 'bridge' | 'network';

export interface PublishedPort {
  service: string;
  /** Undefined: every interface. */
  hostIp?: string;
  /** The host port or range; '' when none is written and Docker picks a free one from the host's ephemeral range. */
  published: string;
  target: number;
  protocol: string;
  /** The host addresses Docker binds it on: `0.0.0.0` and `::` for every interface (only `::` on an IPv6-only network). */
  addresses: string[];
  /**
   * Reachable from the Docker host only: bound to 127.0.0.0/8 or ::1, on an Engine (28.0+) that keeps
   * hosts on the same L2 segment out (moby/moby#45610).
   */
  loopback: boolean;
  node: Node;
}

export interface TopologyService {
  name: string;
  /** The `name:` pair under `services` (its key locates the service) and its mapping. */
  pair: Pair;
  node: Node;
  image?: string;
  labels: Record<string, string>;
  /**
   * Names it answers to on every network it is on: the service name, `container_name`, `hostname`
   * (docs/architecture.md#docker-networking-as-composure-models-it, "Names"). Aliases are per network: see `aliases`.
   */
  names: string[];
  /** Its `aliases` on each network, as written (only on its own attachments). */
  aliases: Map<string, ScalarNode[]>;
  mode: NetworkMode;
  /** For `network_mode: service:X`, the service whose namespace it shares (resolved to the owner). */
  namespaceOf?: string;
  /** Networks it is on (a namespace sharer is on its owner's networks). */
  networks: string[];
  /** The network its namespace's default route goes through, where Docker binds published ports (`bridge`: the default bridge). */
  gateway?: string;
  /** Where each of its own attachments was written: the entry in its `networks`. */
  attachments: Map<string, Pair>;
  /** It can reach outside the project: a non-internal network, or the host's stack. */
  egress: boolean;
  /** Published ports that Docker actually binds (only for services with a gateway). */
  ingress: PublishedPort[];
  /** What hosts outside the Docker host reach at its own address (macvlan, ipvlan, direct routing). */
  lan: LanAccess[];
}

/**
 * A direct reach: `from` can open connections to `to` over these networks, or over `localhost` (one
 * namespace), `host` (the host's stack) or `bridge` (Docker's default bridge, by IP address).
 */
export interface Reach {
  from: string;
  to: string;
  /** Shared between reaches: never mutate it. */
  via: readonly string[];
}

export interface Topology {
  /** The Docker Engine version whose behaviour it follows. */
  engine: EngineVersion;
  services: Map<string, TopologyService>;
  networks: Map<string, TopologyNetwork>;
  /** Every direct reach, both directions listed, sorted (listed on first use: a flat network of n services has n² pairs). */
  reach: Reach[];
  /** Published ports Docker binds. */
  ingress: PublishedPort[];
  /** Services with egress, sorted. */
  egress: string[];
  /** What hosts outside the Docker host reach at the containers' own addresses, by service. */
  lan: LanAccess[];
  /** Directed graph: `service:NAME` and `network:KEY` nodes; edges carry `via` for direct service hops. */
  graph: DirectedGraph;
  reaches(from: string, to: string): Reach | undefined;
  /** The shortest transitive path from one service to another, alternating services and networks, or null. */
  path(from: string, to: string): string[] | null;
  /** Shortest paths from one service to every service it reaches transitively (one breadth-first search). */
  pathsFrom(from: string): Map<string, string[]>;
  /** The services that reach one service, directly or through others (one breadth-first search, backwards; `path` gives the way). */
  reachersOf(to: string): Set<string>;
}
