import type { Topology } from '../topology/topology-types.js';

/**
 * Least privilege for data (docs/cli.md#composure-suggest): which datastores a service can
 * reach that none of its intents uses. One implementation for the rule no-unneeded-reach and for
 * `composure suggest`, which checks its own network split with it.
 */

/** A directed intent, as far as segmentation cares: who means to reach whom. */
export interface IntendedPair {
  from: string;
  to: string;
}

export interface UnneededReach {
  service: string;
  datastore: string;
  /** The project networks over which the service reaches the datastore, as listed in the topology. */
  networks: string[];
}

/** An unordered key for a pair of services. */
export const pairKey = (a: string, b: string): string => (a < b ? `${a}\0${b}` : `${b}\0${a}`);

/** The service owning the network namespace a service lives in (itself unless `network_mode: service:X`). */
export const namespaceRoot = (topology: Topology, name: string): string => topology.services.get(name)?.namespaceOf ?? name;

/**
 * The unordered pairs of namespaces an intent connects. Docker networks are not directional: a
 * network that lets a replica reach its primary lets the primary reach the replica, so an intent
 * either way makes the pair needed; and containers of one namespace share its networks.
 */
export function neededPairs(topology: Topology, intents: readonly IntendedPair[]): Set<string> {
  const needed = new Set<string>();
  for (const i of intents) {
    const [from, to] = [namespaceRoot(topology, i.from), namespaceRoot(topology, i.to)];
    if (from !== to) needed.add(pairKey(from, to));
  }
  return needed;
}

/**
 * Every (service, datastore) pair where the service reaches the datastore directly over project
 * networks and no intent connects the two, services in the topology's order, datastores in name
 * order. Reach over `localhost` (one namespace), the host's stack or Docker's default bridge is
 * left out: no network split can separate it, and other rules judge host mode.
 */
export function unneededDatastoreReach(topology: Topology, intents: readonly IntendedPair[], datastores: ReadonlySet<string>): UnneededReach[] {
  const needed = neededPairs(topology, intents);
  const found: UnneededReach[] = [];
  const byFrom = new Map<string, { to: string; via: readonly string[] }[]>();
  for (const r of topology.reach) {
    if (!datastores.has(r.to)) continue;
    let list = byFrom.get(r.from);
    if (!list) byFrom.set(r.from, (list = []));
    list.push(r);
  }
  for (const service of topology.services.keys()) {
    for (const r of (byFrom.get(service) ?? []).sort((a, b) => (a.to < b.to ? -1 : a.to > b.to ? 1 : 0))) {
      const networks = r.via.filter((v) => topology.networks.has(v));
      if (networks.length === 0 || needed.has(pairKey(namespaceRoot(topology, service), namespaceRoot(topology, r.to)))) continue;
      found.push({ service, datastore: r.to, networks });
    }
  }
  return found;
}
