import type { Topology } from '../topology/topology-types.js';
import { namespaceRoot, neededPairs, pairKey, type IntendedPair } from './unneeded-reach.js';

/**
 * The network split `composure suggest` proposes (docs/cli.md#composure-suggest): networks such
 * that every intent's two services share one and every datastore shares a network only with the
 * services an intent connects it to. Everything else stays as it is.
 *
 * The algorithm, on namespaces (a `network_mode: service:X` container moves with X):
 * 1. Datastores leave every network where a member reaches them with no intent (the member stays:
 *    what services other than datastores reach is not changed).
 * 2. The intents whose two ends no longer share a network (and those that never did) are covered
 *    greedily with groups of services in which no datastore meets a service it has no intent with:
 *    a group starts from the first uncovered intent and takes, one at a time, the service that
 *    covers most uncovered intents into it without an unneeded datastore pair (ties: the
 *    project's order). This is a greedy edge clique cover: the number of networks is small, not
 *    guaranteed minimal (the minimum is NP-hard).
 * 3. Each group joins an existing network (one some service is on) if one holds it with the fewest
 *    services added and no unneeded datastore pair (a service joins a network with egress only if it had egress), else a
 *    new network `<datastores>-clients`, internal unless a datastore that publishes ports needs it
 *    for its gateway.
 * 4. A datastore left on no network gets one of its own (Compose would put it back on `default`).
 * A service keeps the aliases it had on the networks it leaves, on those it joins.
 *
 * Services with `network_mode` host, none, bridge, a container or a network name are not moved.
 */

export interface AddedNetwork {
  key: string;
  internal: boolean;
  /** The namespaces (services) joining it, in the project's order. */
  members: string[];
}

export interface NetworkChange {
  service: string;
  join: string[];
  leave: string[];
  /**
   * The aliases it had on the networks it leaves, given on each network it joins: clients that
   * name a datastore by an alias (`DB_HOST: sql`) still find it there.
   */
  aliases: string[];
}

export interface SplitPlan {
  /** Networks to declare under top-level `networks`. */
  added: AddedNetwork[];
  /** Each service whose own `networks` change, in the project's order. */
  changes: NetworkChange[];
  /** What the split cannot do, or what it costs (a datastore losing egress): one sentence each. */
  notes: string[];
}

/** The networks each movable namespace is on. */
type Attachments = Map<string, Set<string>>;

export function planNetworkSplit(topology: Topology, intents: readonly IntendedPair[], datastores: ReadonlySet<string>): SplitPlan {
  const notes: string[] = [];
  const order = [...topology.services.keys()];
  const rank = new Map(order.map((name, i) => [name, i]));
  const byOrder = (a: string, b: string) => rank.get(a)! - rank.get(b)!;
  const root = (name: string) => namespaceRoot(topology, name);
  /** Namespaces composure may move: their owner is wired by its own `networks`. */
  const movable = new Set(order.filter((name) => root(name) === name && topology.services.get(name)!.mode === 'networks'));
  const data = new Set([...datastores].filter((d) => topology.services.has(d)).map(root));
  const needed = neededPairs(topology, intents);
  const forbidden = (a: string, b: string) => a !== b && (data.has(a) || data.has(b)) && !needed.has(pairKey(a, b));

  // Who is on which network now: movable namespaces by their own attachments, the rest pinned where they are.
  const attach: Attachments = new Map();
  const pinned = new Map<string, Set<string>>();
  for (const network of topology.networks.values()) {
    pinned.set(network.key, new Set());
    for (const member of network.members) {
      const owner = root(member);
      if (movable.has(owner)) continue;
      pinned.get(network.key)!.add(owner);
    }
  }
  for (const name of movable) attach.set(name, new Set(topology.services.get(name)!.networks));
  const before = new Map([...attach].map(([name, set]) => [name, new Set(set)]));
  const membersOf = (key: string): Set<string> => {
    const members = new Set(pinned.get(key));
    for (const [name, set] of attach) if (set.has(key)) members.add(name);
    return members;
  };
  const talks = (key: string) => topology.networks.get(key)?.icc !== false;
  const share = (a: string, b: string) => [...attach.get(a)!].some((k) => talks(k) && attach.get(b)!.has(k));
  const hadEgress = (name: string) => topology.services.get(name)!.egress;
  const publishes = (name: string) => topology.services.get(name)!.ingress.length > 0;

  // 1. Datastores leave the networks where someone reaches them without an intent.
  for (const network of topology.networks.values()) {
    if (!network.icc) continue;
    const members = membersOf(network.key);
    for (const d of members) {
      if (!data.has(d) || !movable.has(d)) continue;
      if ([...members].some((m) => forbidden(m, d))) attach.get(d)!.delete(network.key);
    }
  }
  for (const network of topology.networks.values()) {
    const stuck = [...pinned.get(network.key)!].filter((p) => [...membersOf(network.key)].some((m) => network.icc && forbidden(m, p)));
    for (const p of stuck) notes.push(`"${p}" is not moved (its network_mode is set): what reaches it on network "${network.key}" stays.`);
  }

  // 2. The intents left without a shared network, covered greedily by groups with no unneeded datastore pair.
  const uncovered = new Set<string>();
  const ends = new Map<string, [string, string]>();
  for (const i of intents) {
    const [a, b] = [root(i.from), root(i.to)].sort(byOrder);
    if (a === b || !movable.has(a) || !movable.has(b) || share(a, b)) continue;
    const key = pairKey(a, b);
    uncovered.add(key);
    ends.set(key, [a, b]);
  }
  const groups: string[][] = [];
  const queue = [...uncovered].sort((x, y) => byOrder(ends.get(x)![0], ends.get(y)![0]) || byOrder(ends.get(x)![1], ends.get(y)![1]));
  for (const first of queue) {
    if (!uncovered.has(first)) continue;
    const group = [...ends.get(first)!];
    const into = (w: string) => group.filter((g) => uncovered.has(pairKey(g, w))).length;
    for (;;) {
      let best: string | undefined;
      let bestCount = 0;
      for (const w of order) {
        if (!movable.has(w) || group.includes(w) || group.some((g) => forbidden(g, w))) continue;
        const count = into(w);
        if (count > bestCount) [best, bestCount] = [w, count];
      }
      if (!best) break;
      group.push(best);
    }
    group.sort(byOrder);
    for (const a of group) for (const b of group) uncovered.delete(pairKey(a, b));
    groups.push(group);
  }

  // 3. Each group on an existing network where it fits, else on a new one.
  const taken = new Set(topology.networks.keys());
  const added: AddedNetwork[] = [];
  const freshKey = (base: string) => {
    let key = base;
    for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
    taken.add(key);
    return key;
  };
  for (const group of groups) {
    let best: { key: string; joining: string[] } | undefined;
    for (const network of topology.networks.values()) {
      // A network no service joins has a purpose nobody states: not taken over.
      if (!network.icc || network.members.length === 0) continue;
      const members = membersOf(network.key);
      const joining = group.filter((g) => !members.has(g));
      if (joining.some((g) => !network.internal && !hadEgress(g))) continue;
      if ([...members].some((m) => group.some((g) => forbidden(m, g)))) continue;
      if (!best || joining.length < best.joining.length) best = { key: network.key, joining };
    }
    if (best) {
      for (const g of best.joining) attach.get(g)!.add(best.key);
      continue;
    }
    const stores = group.filter((g) => data.has(g));
    const key = freshKey(`${(stores.length > 0 ? stores : group.slice(0, 1)).join('-')}-clients`);
    const internal = !group.some((g) => data.has(g) && publishes(g) && !hasGateway(g));
    for (const g of group) attach.get(g)!.add(key);
    added.push({ key, internal, members: group });
  }
  function hasGateway(name: string): boolean {
    return [...attach.get(name)!].some((k) => topology.networks.get(k)?.internal === false || added.some((a) => a.key === k && !a.internal));
  }

  // 4. No datastore left without a network.
  for (const d of [...data].filter((d) => movable.has(d)).sort(byOrder)) {
    if (attach.get(d)!.size > 0) continue;
    const key = freshKey(`${d}-isolated`);
    const internal = !publishes(d);
    attach.get(d)!.add(key);
    added.push({ key, internal, members: [d] });
    notes.push(`No intent uses the datastore "${d}": it gets a network of its own.`);
  }

  for (const d of [...data].filter((d) => movable.has(d)).sort(byOrder)) {
    if (hadEgress(d) && !hasGateway(d)) notes.push(`The datastore "${d}" keeps no network with egress: it can no longer open connections outside the project.`);
  }

  const changes: NetworkChange[] = [];
  for (const name of order) {
    if (!movable.has(name)) continue;
    const now = attach.get(name)!;
    const was = before.get(name)!;
    const join = [...now].filter((k) => !was.has(k));
    const leave = [...was].filter((k) => !now.has(k));
    const aliases = [...new Set(leave.flatMap((k) => (topology.services.get(name)!.aliases.get(k) ?? []).map((a) => String(a.value))))];
    if (join.length > 0 || leave.length > 0) changes.push({ service: name, join, leave, aliases: join.length > 0 ? aliases : [] });
  }
  return { added, changes, notes };
}
