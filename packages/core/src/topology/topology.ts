import { DirectedGraph } from 'graphology';
import { timed } from '../phases.js';
import { bidirectional } from 'graphology-shortest-path/unweighted.js';
import { services, section, type Project } from '../model/project.js';
import { DIRECT_HOPS, hostHops, routedHops } from './direct-hops.js';
import type { NetworkMode, Reach, Topology, TopologyNetwork, TopologyService } from './topology-types.js';
import { engineBehaviour, type EngineBehaviour } from './engine-behaviour.js';
import { engineVersion, type EngineVersion } from './engine-version.js';
import { lanAccess } from './lan-access.js';
import { networkModeOf } from './network-mode.js';
import { networkAddressing } from './network-options.js';
import { bindPorts, publishedTargets } from './ingress.js';
import { get, isMap, isSeq, isScalar, str, type MapNode, type Node, type Pair, type ScalarNode } from '../source/node.js';

/**
 * Who can reach whom, computed from network membership as Docker wires it
 * (docs/architecture.md#docker-networking-as-composure-models-it): one pass over each network's
 * members, never a search per pair. The graph (graphology) serves paths.
 */

export type { NetworkMode, PublishedPort, Reach, Topology, TopologyNetwork, TopologyService } from './topology-types.js';

const truthy = (node: Node | undefined) => node?.kind === 'scalar' && (node.value === true || node.value === 'true');

function networkOf(pair: Pair, project: Project, behaviour: EngineBehaviour): TopologyNetwork {
  const key = String(pair.key.value);
  const node = pair.value;
  const icc = str(get(get(node, 'driver_opts'), 'com.docker.network.bridge.enable_icc'));
  const driver = str(get(node, 'driver')) ?? 'bridge';
  const internal = truthy(get(node, 'internal'));
  return {
    key,
    name: str(get(node, 'name')) ?? `${project.name}_${key}`,
    driver,
    internal,
    external: truthy(get(node, 'external')),
    icc: icc === undefined || icc.toLowerCase() !== 'false',
    addressing: networkAddressing(node, driver, internal, behaviour),
    members: [],
    pair: pair.key.loc ? pair : undefined,
    node,
  };
}

/** Labels in canonical form are a mapping; a list of `K=V` is accepted too. */
export function labelsOf(node: Node | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (isMap(node)) for (const [key, pair] of (node as MapNode).entries) out[key] = str(pair.value) ?? '';
  else if (isSeq(node))
    for (const item of node.items) {
      const text = str(item);
      if (text === undefined) continue;
      const eq = text.indexOf('=');
      out[eq < 0 ? text : text.slice(0, eq)] = eq < 0 ? '' : text.slice(eq + 1);
    }
  return out;
}

function modeOf(service: Node, networks: Map<string, TopologyNetwork>): { mode: NetworkMode; target?: string } {
  const networkMode = networkModeOf(service);
  switch (networkMode?.kind) {
    case undefined:
      return { mode: 'networks' };
    case 'host':
    case 'none':
    case 'bridge':
      return { mode: networkMode.kind };
    case 'service':
      return { mode: 'service', target: networkMode.owner };
    case 'network': {
      // Compose hands the value to Docker as it is: a network's Docker name, not its key (docker/compose pkg/compose/create.go).
      const network = [...networks.values()].find((n) => n.name === networkMode.text);
      if (network) return { mode: 'network', target: network.key };
      return { mode: 'container' };
    }
    default:
      // A container, a network outside the project, or a value that could not be resolved: unknown from here.
      return { mode: 'container' };
  }
}
/**
 * Network keys whose `name:` is the same are one Docker network: Compose creates it once and
 * attaches both keys' services to it (docker/compose pkg/compose/create.go: creating a name that exists is taken as created, and containers join networks by their Docker name).
 */
function shareMembersOfOneDockerNetwork(networks: Map<string, TopologyNetwork>): void {
  const byName = new Map<string, TopologyNetwork[]>();
  for (const network of networks.values()) byName.set(network.name, [...(byName.get(network.name) ?? []), network]);
  for (const group of byName.values()) {
    if (group.length < 2) continue;
    const members = [...new Set(group.flatMap((n) => n.members))];
    for (const network of group) network.members = [...members];
  }
}

const cache = new WeakMap<Project, Map<string, Topology>>();

/** The topology of a project at an Engine version (default: the current stable one), built once and shared by every rule and command that asks. */
export function topologyOf(project: Project, engine: EngineVersion = engineVersion(undefined)): Topology {
  let byEngine = cache.get(project);
  if (!byEngine) cache.set(project, (byEngine = new Map()));
  let topology = byEngine.get(engine.text);
  if (!topology) byEngine.set(engine.text, (topology = timed('topology', () => buildTopology(project, engine))));
  return topology;
}

export function buildTopology(project: Project, engine: EngineVersion = engineVersion(undefined)): Topology {
  const wiring = collectProject(project, engineBehaviour(engine));
  return assembleTopology(engine, wiring.services, wiring.networks);
}

/** The services and networks a project declares, as Docker wires them: what each joins, its names and namespace. */
export interface Wiring {
  services: Map<string, TopologyService>;
  networks: Map<string, TopologyNetwork>;
}

/**
 * A project's wiring, before reach: each service's networks, names and namespace, each network's
 * members. A workspace joins several projects' wiring (workspace/) before assembling the topology.
 */
export function collectProject(project: Project, behaviour: EngineBehaviour): Wiring {
  const networks = new Map<string, TopologyNetwork>();
  for (const pair of section(project, 'networks')) networks.set(String(pair.key.value), networkOf(pair, project, behaviour));

  const entries = services(project);
  const modes = new Map(entries.map((s) => [s.name, modeOf(s.node, networks)]));
  /** The service owning the namespace a service lives in (itself unless `service:X`, followed to the end). */
  const owner = (name: string): string => {
    const seen = new Set<string>();
    let current = name;
    for (;;) {
      const m = modes.get(current);
      if (m?.mode !== 'service' || !m.target || !modes.has(m.target) || seen.has(current)) return current;
      seen.add(current);
      current = m.target;
    }
  };

  const result = new Map<string, TopologyService>();
  for (const service of entries) {
    const attachments = new Map<string, Pair>();
    const aliases = new Map<string, ScalarNode[]>();
    const declared = get(service.node, 'networks');
    if (isMap(declared)) {
      for (const [key, pair] of declared.entries) {
        attachments.set(key, pair);
        const list = get(pair.value, 'aliases');
        if (isSeq(list))
          aliases.set(
            key,
            list.items.filter(isScalar).filter((a) => a.value !== null && a.value !== ''),
          );
      }
    }
    const names = [service.name];
    for (const key of ['container_name', 'hostname']) {
      const value = str(get(service.node, key));
      if (value && !names.includes(value)) names.push(value);
    }
    result.set(service.name, {
      name: service.name,
      pair: service.pair,
      node: service.node,
      image: str(get(service.node, 'image')),
      labels: labelsOf(get(service.node, 'labels')),
      names,
      aliases,
      mode: modes.get(service.name)!.mode,
      networks: [],
      attachments,
      egress: false,
      ingress: [],
      lan: [],
    });
  }
  for (const service of result.values()) {
    const root = result.get(owner(service.name))!;
    if (root !== service) service.namespaceOf = root.name;
    if (root.mode === 'networks') service.networks = [...root.attachments.keys()].filter((key) => networks.has(key));
    if (root.mode === 'network') service.networks = [modes.get(root.name)!.target!];
    for (const key of service.networks) networks.get(key)!.members.push(service.name);
  }
  shareMembersOfOneDockerNetwork(networks);
  return { services: result, networks };
}

/**
 * The topology of wired services and networks: egress, gateways and ingress, LAN access, direct
 * reach and the graph. Service names and network keys are used as given (a workspace gives
 * `PROJECT/SERVICE` and Docker names).
 */
export function assembleTopology(engine: EngineVersion, result: Map<string, TopologyService>, networks: Map<string, TopologyNetwork>): Topology {
  const behaviour = engineBehaviour(engine);
  for (const service of result.values()) {
    const root = result.get(service.namespaceOf ?? service.name)!;
    service.egress = root.mode === 'host' || root.mode === 'bridge' || service.networks.some((key) => !networks.get(key)!.internal);
  }

  const ingress = bindPorts(result, networks, behaviour);
  const lan = [...result.values()]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((service) => {
      const root = result.get(service.namespaceOf ?? service.name)!;
      // The published container ports are open on the gateway network only.
      const targets = [...new Set(publishedTargets(root.node))];
      const on = (key: string) => lanAccess(service.name, networks.get(key)!, key === root.gateway ? targets : [], behaviour);
      return (service.lan = service.networks.flatMap(on));
    });

  // Direct reach, from membership. Services are numbered by their rank in name order; for each
  // source one pass over its networks' members, with a stamp array instead of a key per pair, emits
  // its reaches already sorted. This keeps 1,000 services on 50 networks within a fraction of the parse.
  const sorted = [...result.keys()].sort();
  const count = sorted.length;
  const id = new Map(sorted.map((name, i) => [name, i]));
  const byId = sorted.map((name) => result.get(name)!);
  const rootId = byId.map((s) => id.get(s.namespaceOf ?? s.name)!);
  const memberIds = new Map<string, number[]>();
  const networksOf: string[][] = byId.map(() => []);
  for (const network of networks.values()) {
    // With inter-container traffic off, members of the network cannot talk to each other.
    if (!network.icc) continue;
    memberIds.set(
      network.key,
      network.members.map((m) => id.get(m)!),
    );
  }
  // A service meets others over the keys it is on itself (several keys may name one Docker network).
  for (const [i, service] of byId.entries()) for (const key of service.networks) if (memberIds.has(key)) networksOf[i].push(key);
  // Hops that are not a shared network (one namespace, the host's stack) are rare: a small map per pair.
  const extra = new Map<number, Map<number, string[]>>();
  const addExtra = (fromName: string, toName: string, how: string) => {
    const from = id.get(fromName)!;
    const to = id.get(toName)!;
    if (from === to) return;
    let row = extra.get(from);
    if (!row) extra.set(from, (row = new Map()));
    let list = row.get(to);
    if (!list) row.set(to, (list = []));
    if (!list.includes(how)) list.push(how);
  };
  for (const service of result.values()) {
    if (!service.namespaceOf) continue;
    // One namespace: the two reach each other over localhost, and sharers of one owner reach each other.
    for (const other of result.values()) {
      if (other.name === service.name) continue;
      if (other.name === service.namespaceOf || other.namespaceOf === service.namespaceOf) {
        addExtra(service.name, other.name, 'localhost');
        addExtra(other.name, service.name, 'localhost');
      }
    }
  }
  for (const [from, to, how] of hostHops(result, networks)) addExtra(from, to, how);
  const routed = routedHops(result, networks, behaviour);
  for (const [from, to, how] of routed) addExtra(from, to, how);
  /** Most pairs meet on one network: they share one frozen `via` array per network. */
  const singleVia = new Map([...networks.keys()].map((key) => [key, Object.freeze([key]) as readonly string[]]));
  const memberSets = new Map([...memberIds].map(([key, ids]) => [key, new Set(ids)]));

  /** One pair, from membership alone: the networks `a` meets `b` on (and any extra hop), without listing every pair. */
  const reachBetween = (a: number, b: number): Reach | undefined => {
    if (a === b) return undefined;
    let via: readonly string[] | undefined;
    if (rootId[a] !== rootId[b]) {
      for (const key of networksOf[a]) {
        if (!memberSets.get(key)!.has(b)) continue;
        via = via === undefined ? singleVia.get(key)! : [...via, key];
      }
    }
    const more = extra.get(a)?.get(b);
    if (more) via = [...(via ?? []), ...more];
    if (via === undefined) return undefined;
    if (via.length > 1) via = [...via].sort();
    return { from: sorted[a], to: sorted[b], via };
  };

  /**
   * Every direct reach, sorted: built on first use only. A flat network of n services has n² pairs,
   * so rules ask about pairs (reaches) and never need the whole list; `reach` and zero-trust do.
   */
  const listReach = (): Reach[] => {
    const stamp = new Int32Array(count).fill(-1);
    const slot = new Int32Array(count);
    const list: Reach[] = [];
    // One buffer of targets for every source, sorted in place (a typed array sorts numerically).
    const targets = new Int32Array(count);
    let found = 0;
    const vias: (readonly string[])[] = [];
    let a = 0;
    const add = (b: number, hows: readonly string[], shared: boolean) => {
      if (stamp[b] !== a) {
        stamp[b] = a;
        slot[b] = found;
        targets[found++] = b;
        vias[slot[b]] = shared ? hows : [...hows];
        return;
      }
      const current = vias[slot[b]];
      vias[slot[b]] = Object.isFrozen(current) ? [...current, ...hows] : ((current as string[]).push(...hows), current);
    };
    for (; a < count; a++) {
      found = 0;
      for (const key of networksOf[a]) {
        const only = singleVia.get(key)!;
        const root = rootId[a];
        // Two services of one namespace are one endpoint: they meet over localhost, not over the network.
        for (const b of memberIds.get(key)!) if (rootId[b] !== root) add(b, only, true);
      }
      const more = extra.get(a);
      if (more) for (const [b, hows] of more) add(b, hows, false);
      const from = sorted[a];
      const reached = targets.subarray(0, found).sort();
      for (let i = 0; i < found; i++) {
        const b = reached[i];
        const via = vias[slot[b]];
        if (via.length > 1) (via as string[]).sort();
        list.push({ from, to: sorted[b], via });
      }
    }
    return list;
  };
  let reach: Reach[] | undefined;

  /** The path graph, built on first use: lint rules ask about pairs (reaches), and only paths need it. */
  const buildGraph = (): DirectedGraph => {
    const graph = new DirectedGraph();
    // Each node's key made once: a key built anew for every edge is hashed anew by every lookup.
    const serviceNode = new Map<string, string>();
    for (const service of result.values()) {
      const node = `service:${service.name}`;
      serviceNode.set(service.name, node);
      graph.addNode(node, { kind: 'service' });
    }
    for (const network of networks.values()) {
      const node = `network:${network.key}`;
      graph.addNode(node, { kind: 'network' });
      if (!network.icc) continue;
      for (const member of network.members) {
        const memberNode = serviceNode.get(member)!;
        graph.addEdge(memberNode, node);
        graph.addEdge(node, memberNode);
      }
    }
    for (const [a, row] of extra) {
      for (const b of row.keys()) {
        const r = reachBetween(a, b)!;
        const other = r.via.find((v) => DIRECT_HOPS.includes(v));
        if (other && !r.via.some((v) => networks.has(v))) graph.mergeEdge(`service:${r.from}`, `service:${r.to}`, { via: other });
      }
    }
    // Into a routed network from outside it: one way, to its members.
    for (const [from, , key] of routed) graph.mergeEdge(`service:${from}`, `network:${key}`);
    return graph;
  };
  let builtGraph: DirectedGraph | undefined;
  const graphOf = () => (builtGraph ??= buildGraph());

  /** A graph path of node keys as the user reads it: names, with `localhost`/`host` between two services. */
  const readable = (nodes: string[]): string[] => {
    const out: string[] = [];
    nodes.forEach((node, i) => {
      // A direct service-to-service hop (shared namespace, host mode) shows how it is made.
      if (i > 0 && node.startsWith('service:') && nodes[i - 1].startsWith('service:'))
        out.push(graphOf().getEdgeAttribute(nodes[i - 1], node, 'via') as string);
      out.push(node.slice(node.indexOf(':') + 1));
    });
    return out;
  };
  return {
    engine,
    services: result,
    networks,
    get reach() {
      return (reach ??= listReach());
    },
    ingress,
    egress: [...result.values()]
      .filter((s) => s.egress)
      .map((s) => s.name)
      .sort(),
    lan,
    get graph() {
      return graphOf();
    },
    reaches(from, to) {
      const a = id.get(from);
      const b = id.get(to);
      return a === undefined || b === undefined ? undefined : reachBetween(a, b);
    },
    path(from, to) {
      const graph = graphOf();
      if (!graph.hasNode(`service:${from}`) || !graph.hasNode(`service:${to}`)) return null;
      const nodes = bidirectional(graph, `service:${from}`, `service:${to}`);
      return nodes ? readable(nodes) : null;
    },
    pathsFrom(from) {
      const paths = new Map<string, string[]>();
      const start = `service:${from}`;
      const graph = graphOf();
      if (!graph.hasNode(start)) return paths;
      const parent = new Map<string, string>([[start, '']]);
      const queue = [start];
      for (let i = 0; i < queue.length; i++) {
        for (const next of graph.outNeighbors(queue[i])) {
          if (parent.has(next)) continue;
          parent.set(next, queue[i]);
          queue.push(next);
          if (!next.startsWith('service:')) continue;
          const nodes = [next];
          for (let p = queue[i]; p !== ''; p = parent.get(p)!) nodes.push(p);
          paths.set(next.slice('service:'.length), readable(nodes.reverse()));
        }
      }
      return paths;
    },
    reachersOf(to) {
      const reachers = new Set<string>();
      const goal = `service:${to}`;
      const graph = graphOf();
      if (!graph.hasNode(goal)) return reachers;
      // Backwards from the goal, over edges into it: every service met can get there.
      const seen = new Set<string>([goal]);
      const queue = [goal];
      for (let i = 0; i < queue.length; i++) {
        for (const previous of graph.inNeighbors(queue[i])) {
          if (seen.has(previous)) continue;
          seen.add(previous);
          queue.push(previous);
          if (previous.startsWith('service:')) reachers.add(previous.slice('service:'.length));
        }
      }
      return reachers;
    },
  };
}
