import {
  get,
  intentsOf,
  isDatastoreImage,
  isSeq,
  str,
  topologyOf,
  type EngineVersion,
  type NetworkMode,
  type Node,
  type Project,
  type PublishedPort,
  type Topology,
} from '@composure/core';

/**
 * The topology as something to draw: nodes (the outside world, the host, services,
 * networks) and edges (published ports, attachments, egress, shared namespaces,
 * host mode), with policy violations marked. Every renderer (mermaid, dot, svg,
 * html, json) draws from this one description, so they all show the same thing.
 */

/** A policy violation to highlight: `path` alternates services and networks (`localhost`/`host` for a direct hop). */
export interface GraphViolation {
  from: string;
  to: string;
  path: string[];
  /** What the policy says, when known: shown in the HTML report. */
  message?: string;
}

/** What a service means to reach (core's Intent, as far as a drawing needs it). */
export interface GraphIntent {
  from: string;
  to: string;
  port?: number;
  /** Where it is written: `nginx`, `env`, `depends_on`… */
  source: string;
}

export type DrawingNodeKind = 'internet' | 'host' | 'service' | 'network';

export interface DrawingNode {
  /** `internet`, `host`, `service:NAME` or `network:KEY` (the keys of the topology graph). */
  id: string;
  kind: DrawingNodeKind;
  /** The service name, the network key, `internet` or `host`. */
  label: string;
  /** Short facts drawn under the label: `internal · no egress`, `external`, `network_mode: host`… */
  notes: string[];
  /**
   * Hops from the outside world (the internet and the host are 0): a layout hint that keeps
   * what is exposed on the left and what is buried on the right.
   */
  rank: number;
  /** An end of a policy violation. */
  violation: boolean;
  /** Services: the image, whether it holds data, how it is networked. */
  image?: string;
  datastore?: boolean;
  mode?: NetworkMode;
  /** Networks: as Docker names it, and how it is wired. */
  name?: string;
  driver?: string;
  internal?: boolean;
  external?: boolean;
  icc?: boolean;
}

/**
 * - `ingress`: internet → service (published on every or a given interface) or host → service (loopback binding); label: the ports.
 * - `attachment`: service → network it joins; label: its aliases there.
 * - `egress`: network → internet (a non-internal network is a gateway), service → internet (`network_mode: bridge`,
 *   Docker's default bridge). Host-mode services go out through the host: their `host` edge says so.
 * - `namespace`: service → the service whose network namespace it shares (`network_mode: service:X`).
 * - `host`: service → host (`network_mode: host`).
 * - `intent`: service → the service it means to reach (a proxy's upstream, a URL's host…); label: each source with
 *   its port (`nginx :3000`), and `not reachable` when no network lets it through. Drawn apart from the
 *   attachments, which say who *can* reach whom.
 */
export type DrawingEdgeKind = 'ingress' | 'attachment' | 'egress' | 'namespace' | 'host' | 'intent';

export interface DrawingEdge {
  from: string;
  to: string;
  kind: DrawingEdgeKind;
  /** Lines of text for the edge (ports, aliases); empty for none. */
  label: string[];
  /** On the path of a policy violation. */
  violation: boolean;
}

export interface TopologyDrawing {
  project: string;
  nodes: DrawingNode[];
  edges: DrawingEdge[];
  violations: GraphViolation[];
}

export interface DrawOptions {
  /** Extra datastore image globs (the configuration's `datastores`). */
  datastores?: readonly string[];
  violations?: readonly GraphViolation[];
  /** What the services mean to reach (intentsOf), drawn as routes. */
  intents?: readonly GraphIntent[];
  /** The Docker Engine version the topology follows (the configuration's `engine`); default: the current stable one. */
  engine?: EngineVersion;
}

export const serviceId = (name: string) => `service:${name}`;
export const networkId = (key: string) => `network:${key}`;

/** `:443→443/tcp`, `127.0.0.1:8443→443/tcp`, `[::1]:53→53/udp`. */
export function portLabel(port: Pick<PublishedPort, 'hostIp' | 'published' | 'target' | 'protocol'>): string {
  const ip =
    port.hostIp === undefined || port.hostIp === '' ? '' : port.hostIp.includes(':') && !port.hostIp.startsWith('[') ? `[${port.hostIp}]` : port.hostIp;
  return `${ip}:${port.published === '' ? 'ephemeral' : port.published}→${port.target}/${port.protocol}`;
}

function networkNotes(
  network: { internal: boolean; external: boolean; icc: boolean; driver: string; name: string; key: string; members: string[] },
  project: string,
): string[] {
  const notes: string[] = [];
  if (network.members.length === 0) notes.push('no services');
  if (network.internal) notes.push('internal · no egress');
  if (network.external) notes.push(network.name === network.key ? 'external' : `external: ${network.name}`);
  else if (network.name !== `${project}_${network.key}`) notes.push(`name: ${network.name}`);
  if (!network.icc) notes.push('icc off: members isolated');
  if (network.driver !== 'bridge') notes.push(`driver: ${network.driver}`);
  return notes;
}

function serviceNotes(mode: NetworkMode, node: Node, namespaceOf: string | undefined): string[] {
  switch (mode) {
    case 'host':
      return ['network_mode: host'];
    case 'none':
      return ['network_mode: none'];
    case 'bridge':
      return ['network_mode: bridge'];
    case 'network':
      return [`network_mode: ${str(get(node, 'network_mode'))}`];
    case 'container':
      return [`network_mode: ${str(get(node, 'network_mode')) ?? 'container'}`];
    case 'service':
      return namespaceOf ? [] : ['network_mode: service (unknown)'];
    default:
      return [];
  }
}

/** Draws a project's topology, with its intents unless `options.intents` gives them. */
export function drawTopology(project: Project, options: DrawOptions = {}): TopologyDrawing {
  const topology = topologyOf(project, options.engine);
  return drawingOf(project.name, topology, { ...options, intents: options.intents ?? intentsOf(project, topology) });
}

/** Draws a topology already built. */
export function drawingOf(projectName: string, topology: Topology, options: DrawOptions = {}): TopologyDrawing {
  const violations: GraphViolation[] = (options.violations ?? []).map((v) => ({
    from: v.from,
    to: v.to,
    path: [...v.path],
    ...(v.message === undefined ? {} : { message: v.message }),
  }));
  const nodes: DrawingNode[] = [];
  const edges: DrawingEdge[] = [];
  const services = [...topology.services.values()];
  const networks = [...topology.networks.values()];

  // Nodes: the outside world first, then the host when anything uses it, services, networks.
  const loopback = topology.ingress.some((p) => p.loopback);
  const hostMode = services.some((s) => s.mode === 'host');
  const bridged = services.some((s) => s.mode === 'bridge');
  const anyEgress = hostMode || bridged || networks.some((n) => !n.internal && n.members.length > 0);
  if (topology.ingress.some((p) => !p.loopback) || anyEgress)
    nodes.push({ id: 'internet', kind: 'internet', label: 'internet', notes: [], rank: 0, violation: false });
  if (loopback || hostMode) nodes.push({ id: 'host', kind: 'host', label: 'host', notes: [], rank: 0, violation: false });
  for (const s of services) {
    const notes = serviceNotes(s.mode, s.node, s.namespaceOf);
    // Docker binds published ports only on a gateway endpoint: say so where they were asked for.
    const ports = get(s.node, 'ports');
    if (!s.egress && isSeq(ports) && ports.items.length > 0)
      notes.push(s.networks.length > 0 ? 'ports not published: internal networks only' : 'ports not published: no network');
    nodes.push({
      id: serviceId(s.name),
      kind: 'service',
      label: s.name,
      notes,
      rank: 0,
      violation: false,
      image: s.image,
      datastore: isDatastoreImage(s.image, options.datastores ?? []),
      mode: s.mode,
    });
  }
  for (const n of networks) {
    nodes.push({
      id: networkId(n.key),
      kind: 'network',
      label: n.key,
      notes: networkNotes(n, projectName),
      rank: 0,
      violation: false,
      name: n.name,
      driver: n.driver,
      internal: n.internal,
      external: n.external,
      icc: n.icc,
    });
  }

  // Edges: ports in, attachments, shared namespaces and host mode, then the ways out.
  for (const s of services) {
    const ports = s.ingress;
    const open = ports.filter((p) => !p.loopback).map(portLabel);
    const local = ports.filter((p) => p.loopback).map(portLabel);
    if (open.length > 0) edges.push({ from: 'internet', to: serviceId(s.name), kind: 'ingress', label: open, violation: false });
    if (local.length > 0) edges.push({ from: 'host', to: serviceId(s.name), kind: 'ingress', label: local, violation: false });
  }
  for (const s of services) {
    if (s.namespaceOf) continue;
    // A `network_mode: NETWORK` service is attached without an entry of its own (and without aliases).
    for (const key of s.mode === 'network' ? s.networks : s.attachments.keys()) {
      if (!topology.networks.has(key) || (s.mode !== 'networks' && s.mode !== 'network')) continue;
      const aliases = (s.aliases.get(key) ?? []).map((a) => String(a.value));
      edges.push({
        from: serviceId(s.name),
        to: networkId(key),
        kind: 'attachment',
        label: aliases.length > 0 ? [`aliases: ${aliases.join(', ')}`] : [],
        violation: false,
      });
    }
  }
  for (const s of services) {
    if (s.namespaceOf) edges.push({ from: serviceId(s.name), to: serviceId(s.namespaceOf), kind: 'namespace', label: ['shared namespace'], violation: false });
    if (s.mode === 'host') edges.push({ from: serviceId(s.name), to: 'host', kind: 'host', label: ['network_mode: host'], violation: false });
  }
  for (const n of networks)
    if (!n.internal && n.members.length > 0) edges.push({ from: networkId(n.key), to: 'internet', kind: 'egress', label: [], violation: false });
  for (const s of services)
    if (s.mode === 'bridge' && !s.namespaceOf)
      edges.push({ from: serviceId(s.name), to: 'internet', kind: 'egress', label: ['default bridge'], violation: false });

  edges.push(...intentEdges(options.intents ?? [], topology));

  rank(nodes, edges);
  markViolations(nodes, edges, violations, topology);
  return { project: projectName, nodes, edges, violations };
}

/**
 * Hops from the outside world over ingress, attachment, namespace and host edges
 * (egress edges lead back out and intents are no way in: neither counts). What no port reaches is ranked
 * from its gateway networks (1), and anything still left from 1.
 */
function rank(nodes: DrawingNode[], edges: DrawingEdge[]): void {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const adjacent = new Map<string, string[]>(nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    if (e.kind === 'egress' || e.kind === 'intent') continue;
    adjacent.get(e.from)?.push(e.to);
    adjacent.get(e.to)?.push(e.from);
  }
  const seen = new Set<string>();
  const bfs = (starts: DrawingNode[], depth: number) => {
    let frontier = starts.filter((n) => !seen.has(n.id));
    for (const n of frontier) {
      seen.add(n.id);
      n.rank = depth;
    }
    while (frontier.length > 0) {
      depth++;
      const next: DrawingNode[] = [];
      for (const n of frontier)
        for (const id of adjacent.get(n.id)!) {
          if (seen.has(id)) continue;
          seen.add(id);
          const m = byId.get(id)!;
          m.rank = depth;
          next.push(m);
        }
      frontier = next;
    }
  };
  bfs(
    nodes.filter((n) => n.kind === 'internet' || n.kind === 'host'),
    0,
  );
  bfs(
    nodes.filter((n) => n.kind === 'network' && !n.internal && edges.some((e) => e.kind === 'egress' && e.from === n.id)),
    1,
  );
  for (const n of nodes) if (!seen.has(n.id)) bfs([n], 1);
}

/** One edge per pair of services an intent connects, in the intents' order; each source and port once. */
function intentEdges(intents: readonly GraphIntent[], topology: Topology): DrawingEdge[] {
  const edges = new Map<string, DrawingEdge>();
  for (const i of intents) {
    if (i.from === i.to || !topology.services.has(i.from) || !topology.services.has(i.to)) continue;
    const key = `${i.from}\0${i.to}`;
    let edge = edges.get(key);
    if (!edge) edges.set(key, (edge = { from: serviceId(i.from), to: serviceId(i.to), kind: 'intent', label: [], violation: false }));
    const line = i.port === undefined ? i.source : `${i.source} :${i.port}`;
    if (!edge.label.includes(line)) edge.label.push(line);
  }
  for (const edge of edges.values()) {
    const [from, to] = [edge.from.slice('service:'.length), edge.to.slice('service:'.length)];
    if (!topology.reaches(from, to)) edge.label.push('not reachable');
  }
  return [...edges.values()];
}

function markViolations(nodes: DrawingNode[], edges: DrawingEdge[], violations: GraphViolation[], topology: Topology): void {
  if (violations.length === 0) return;
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const owner = (name: string) => topology.services.get(name)?.namespaceOf ?? name;
  const mark = (from: string, to: string, kinds: DrawingEdgeKind[]) => {
    let found = false;
    for (const e of edges)
      if (kinds.includes(e.kind) && ((e.from === from && e.to === to) || (e.from === to && e.to === from))) {
        e.violation = true;
        found = true;
      }
    return found;
  };
  /** A service on a network: its own attachment, or through the namespace it shares. */
  const markAttachment = (service: string, network: string) => {
    if (mark(serviceId(service), networkId(network), ['attachment'])) return;
    const root = owner(service);
    if (root !== service) {
      mark(serviceId(service), serviceId(root), ['namespace']);
      mark(serviceId(root), networkId(network), ['attachment']);
    }
  };
  const markNode = (id: string) => {
    const node = byId.get(id);
    if (node) node.violation = true;
  };
  for (const v of violations) {
    // A path alternates: services at even places, networks (or `localhost`/`host`) at odd ones.
    const path = v.path.length > 0 ? v.path : [v.from, v.to];
    const last = path.length - 1;
    markNode(serviceId(path[0]));
    markNode(last % 2 === 0 ? serviceId(path[last]) : networkId(path[last]));
    for (let i = 1; i < path.length; i += 2) {
      const [a, hop, b] = [path[i - 1], path[i], path[i + 1] as string | undefined];
      if (hop === 'localhost' && b !== undefined) {
        mark(serviceId(a), serviceId(b), ['namespace']);
        mark(serviceId(a), serviceId(owner(a)), ['namespace']);
        mark(serviceId(b), serviceId(owner(b)), ['namespace']);
      } else if (hop === 'host' && b !== undefined) {
        for (const end of [a, b]) {
          if (topology.services.get(end)?.mode === 'host') mark(serviceId(end), 'host', ['host']);
          else for (const e of edges) if (e.kind === 'ingress' && e.to === serviceId(end)) e.violation = true;
        }
      } else if (hop === 'bridge' && b !== undefined) {
        // Docker's default bridge is drawn as each end's way out.
        for (const end of [a, b]) mark(serviceId(end), 'internet', ['egress']);
      } else {
        markAttachment(a, hop);
        if (b !== undefined) markAttachment(b, hop);
      }
    }
  }
}
