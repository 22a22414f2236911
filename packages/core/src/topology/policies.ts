import type { LocatedPolicy, PolicyEdge, Selector } from '../lint/policy.js';
import type { Project } from '../model/project.js';
import { get, getPair, isSeq, type Node, type Pair } from '../source/node.js';
import { imageMatches } from './images.js';
import type { Topology, TopologyService } from './topology.js';

/**
 * Segmentation policies (docs/configuration.md#network-policies) checked against the topology:
 * `deny` edges, direct or transitive, and zero-trust `default: deny` with `allow`.
 * One implementation for the reachability-policy rule, `reach` and `graph`.
 */

export interface PolicyViolation {
  /** The policy broken, as configured. */
  policy: LocatedPolicy;
  kind: 'direct' | 'transitive' | 'attachment' | 'not-allowed';
  from: string;
  to: string;
  /** For `network:NAME` targets: the network joined or reached. */
  network?: string;
  /** Alternating services and networks from `from` to `to` (for an attachment: [from, network]). */
  path: string[];
  /** Where to report it: the first network's entry in `from`'s `networks`, in the file that wrote it. */
  at: Node | Pair;
  message: string;
}

/** A selector that names something the project does not have: a policy that silently checks nothing. */
export interface UnknownSelector {
  policy: LocatedPolicy;
  selector: string;
  /** The selector's scalar in the configuration, when known. */
  at?: Node;
  message: string;
  known: string[];
}

export interface PolicyReport {
  violations: PolicyViolation[];
  unknownSelectors: UnknownSelector[];
}

const list = (selectors: Selector | Selector[]): Selector[] => (Array.isArray(selectors) ? selectors : [selectors]);
const NETWORK = 'network:';
const LABEL = 'label:';
const IMAGE = 'image:';
/** In a workspace, every service of one project (`project:NAME`). */
const PROJECT = 'project:';

/** A network selector names a network by its key or by the name Docker gives it. */
function networkKey(topology: Topology, name: string): string | undefined {
  if (topology.networks.has(name)) return name;
  for (const network of topology.networks.values()) if (network.name === name) return network.key;
  return undefined;
}

/** The services a selector picks (a `network:` selector picks the network's members). */
function selectServices(topology: Topology, selector: Selector): TopologyService[] {
  const all = [...topology.services.values()];
  if (selector === '*') return all;
  if (selector.startsWith(NETWORK)) {
    const key = networkKey(topology, selector.slice(NETWORK.length));
    const members = key ? topology.networks.get(key)!.members : [];
    return all.filter((s) => members.includes(s.name));
  }
  if (selector.startsWith(LABEL)) {
    const body = selector.slice(LABEL.length);
    const eq = body.indexOf('=');
    const key = eq < 0 ? body : body.slice(0, eq);
    return all.filter((s) => Object.hasOwn(s.labels, key) && (eq < 0 || s.labels[key] === body.slice(eq + 1)));
  }
  if (selector.startsWith(IMAGE)) {
    const glob = selector.slice(IMAGE.length);
    return all.filter((s) => s.image !== undefined && imageMatches(s.image, glob));
  }
  if (selector.startsWith(PROJECT)) {
    const prefix = `${selector.slice(PROJECT.length)}/`;
    return all.filter((s) => s.name.startsWith(prefix));
  }
  const service = topology.services.get(selector);
  return service ? [service] : [];
}

const describeEdge = (edge: PolicyEdge) => `${list(edge.from).join(', ')} → ${list(edge.to).join(', ')}${edge.transitive ? ', transitive' : ''}`;
const reasonOf = (policy: LocatedPolicy, edge?: PolicyEdge) => {
  const reason = edge?.reason ?? policy.policy.reason;
  return reason ? ` Reason: ${reason}` : '';
};

/** Where a reach from a service over a first hop is written: its entry for that network, else its network_mode, else its name. */
function reportAt(service: TopologyService, firstHop: string | undefined): Node | Pair {
  const attachment = firstHop === undefined ? undefined : service.attachments.get(firstHop);
  if (attachment) return attachment;
  return getPair(service.node, 'network_mode') ?? service.pair;
}

/** The first hop of a path (the network or `localhost`/`host` after the first service). */
const firstHop = (path: string[]) => path[1];

/** `project` is a project, or a workspace's services left out by their profiles (see workspacePolicyScope). */
/** Whether a selector names something of a workspace: a project, or a service as `PROJECT/SERVICE`. */
const isWorkspaceSelector = (selector: Selector) =>
  selector.startsWith(PROJECT) || (!selector.startsWith(NETWORK) && !selector.startsWith(LABEL) && !selector.startsWith(IMAGE) && selector.includes('/'));

/**
 * The policies that apply to one project, or to a workspace: a policy naming a project
 * (`project:NAME`) or a `PROJECT/SERVICE` is the workspace's, any other each project's (one
 * .composure.yaml may hold both, above every project of the host).
 */
export function policiesFor(policies: readonly LocatedPolicy[], scope: 'project' | 'workspace'): LocatedPolicy[] {
  return policies.filter(({ policy }) => {
    const edges = 'deny' in policy ? [policy.deny] : policy.allow;
    const workspace = edges.some((edge) => [...list(edge.from), ...list(edge.to)].some(isWorkspaceSelector));
    return workspace === (scope === 'workspace');
  });
}

export function evaluatePolicies(project: Pick<Project, 'disabledServices'>, topology: Topology, policies: readonly LocatedPolicy[]): PolicyReport {
  const violations: PolicyViolation[] = [];
  const unknownSelectors: UnknownSelector[] = [];
  const disabled = new Set(project.disabledServices.keys());
  const pathsCache = new Map<string, Map<string, string[]>>();
  const pathsFrom = (name: string) => {
    let paths = pathsCache.get(name);
    if (!paths) pathsCache.set(name, (paths = topology.pathsFrom(name)));
    return paths;
  };

  /** Checks that a plain or `network:` selector names something that exists; labels and images may match nothing. */
  const checkSelectors = (policy: LocatedPolicy, edge: PolicyEdge, edgeNode: Node | undefined) => {
    for (const side of ['from', 'to'] as const) {
      const sideNode = get(edgeNode, side);
      list(edge[side]).forEach((selector, i) => {
        const at = isSeq(sideNode) ? sideNode.items[i] : sideNode;
        if (selector === '*' || selector.startsWith(LABEL) || selector.startsWith(IMAGE)) return;
        if (selector.startsWith(NETWORK)) {
          const name = selector.slice(NETWORK.length);
          if (networkKey(topology, name)) return;
          const known = [...topology.networks.keys()];
          unknownSelectors.push({
            policy,
            selector,
            at,
            known,
            message: `The policy selector "${selector}" names no network of this project, so the policy checks nothing there.`,
          });
          return;
        }
        if (selector.startsWith(PROJECT)) {
          if (selectServices(topology, selector).length > 0) return;
          const known = [
            ...new Set([...topology.services.keys()].flatMap((name) => (name.includes('/') ? [`${PROJECT}${name.slice(0, name.indexOf('/'))}`] : []))),
          ];
          unknownSelectors.push({
            policy,
            selector,
            at,
            known,
            message: `The policy selector "${selector}" names no project of this workspace, so the policy checks nothing for it.`,
          });
          return;
        }
        if (topology.services.has(selector)) return;
        // A service left out by the active profiles is a real name: the policy applies when it runs.
        if (disabled.has(selector)) return;
        const known = [...topology.services.keys()];
        unknownSelectors.push({
          policy,
          selector,
          at,
          known,
          message: `The policy selector "${selector}" names no service of this project, so the policy checks nothing for it.`,
        });
      });
    }
  };

  for (const policy of policies) {
    const rule = policy.policy;
    if ('deny' in rule) {
      const edge = rule.deny;
      checkSelectors(policy, edge, get(policy.node, 'deny'));
      const label = `deny ${describeEdge(edge)}`;
      const sources = unique(list(edge.from).flatMap((s) => selectServices(topology, s)));
      for (const target of list(edge.to)) {
        if (target.startsWith(NETWORK)) {
          const key = networkKey(topology, target.slice(NETWORK.length));
          if (!key) continue;
          const network = topology.networks.get(key)!;
          for (const source of sources) {
            if (network.members.includes(source.name)) {
              violations.push({
                policy,
                kind: 'attachment',
                from: source.name,
                to: key,
                network: key,
                path: [source.name, key],
                at: reportAt(source, key),
                message: `Service "${source.name}" joins network "${key}", which a policy denies (${label}).${reasonOf(policy, edge)}`,
              });
              continue;
            }
            if (!edge.transitive) continue;
            // Transitively: reaching any member of the network through other services.
            const paths = pathsFrom(source.name);
            const reached = network.members.filter((m) => paths.has(m)).map((m) => paths.get(m)!);
            if (reached.length === 0) continue;
            const path = reached.sort((a, b) => a.length - b.length)[0];
            violations.push({
              policy,
              kind: 'transitive',
              from: source.name,
              to: path[path.length - 1],
              network: key,
              path,
              at: reportAt(source, firstHop(path)),
              message: `Service "${source.name}" reaches network "${key}" through other services, which a policy denies (${label}): ${path.join(' → ')}.${reasonOf(policy, edge)}`,
            });
          }
          continue;
        }
        const targets = selectServices(topology, target);
        for (const source of sources) {
          for (const dest of targets) {
            if (dest.name === source.name) continue;
            const direct = topology.reaches(source.name, dest.name);
            if (direct) {
              const path = [source.name, direct.via[0], dest.name];
              violations.push({
                policy,
                kind: 'direct',
                from: source.name,
                to: dest.name,
                path,
                at: reportAt(source, direct.via[0]),
                message: `Service "${source.name}" reaches "${dest.name}" directly over ${hops(direct.via)}, which a policy denies (${label}).${reasonOf(policy, edge)}`,
              });
              continue;
            }
            if (!edge.transitive) continue;
            const path = pathsFrom(source.name).get(dest.name);
            if (!path) continue;
            violations.push({
              policy,
              kind: 'transitive',
              from: source.name,
              to: dest.name,
              path,
              at: reportAt(source, firstHop(path)),
              message: `Service "${source.name}" reaches "${dest.name}" through other services, which a policy denies (${label}): ${path.join(' → ')}.${reasonOf(policy, edge)}`,
            });
          }
        }
      }
      continue;
    }

    // Zero trust: every direct reach must be allowed. Docker networks are not directional (a network
    // that lets web reach api lets api reach web), so an allow entry allows the pair, and a pair is reported once.
    const allowNodes = get(policy.node, 'allow');
    const selected = new Map<string, Set<string>>();
    const picks = (selector: Selector, service: TopologyService) => {
      let names = selected.get(selector);
      if (!names) selected.set(selector, (names = new Set(selectServices(topology, selector).map((s) => s.name))));
      return names.has(service.name);
    };
    const edgeAllows = (edge: PolicyEdge, from: TopologyService, to: TopologyService, via: readonly string[]) =>
      list(edge.from).some((s) => picks(s, from)) &&
      list(edge.to).some((target) => {
        // Allowing a network allows what is reached over it.
        if (!target.startsWith(NETWORK)) return picks(target, to);
        const key = networkKey(topology, target.slice(NETWORK.length));
        return key !== undefined && via.includes(key);
      });
    const allowed = (from: TopologyService, to: TopologyService, via: readonly string[]) =>
      rule.allow.some((edge) => edgeAllows(edge, from, to, via) || edgeAllows(edge, to, from, via));
    rule.allow.forEach((edge, i) => checkSelectors(policy, edge, isSeq(allowNodes) ? allowNodes.items[i] : undefined));
    for (const r of topology.reach) {
      const reverse = topology.reaches(r.to, r.from);
      // One finding per pair: the direction listed first (sorted by name) when both exist.
      if (reverse && r.to < r.from) continue;
      // Two containers of one network namespace are one endpoint: no network can separate them.
      if (r.via.every((v) => v === 'localhost')) continue;
      const from = topology.services.get(r.from)!;
      const to = topology.services.get(r.to)!;
      if (allowed(from, to, r.via)) continue;
      violations.push({
        policy,
        kind: 'not-allowed',
        from: r.from,
        to: r.to,
        path: [r.from, r.via[0], r.to],
        at: reportAt(from, r.via[0]),
        message: `Service "${r.from}" reaches "${r.to}" over ${hops(r.via)}, and no allow entry of the zero-trust policy permits it.${reasonOf(policy)}`,
      });
    }
  }
  return { violations, unknownSelectors };
}

function hops(via: readonly string[]): string {
  const names = via.map((v) =>
    v === 'localhost'
      ? 'localhost (a shared network namespace)'
      : v === 'host'
        ? "the host's network"
        : v === 'bridge'
          ? "Docker's default bridge"
          : `network "${v}"`,
  );
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
