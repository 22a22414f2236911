import type { Intent, IntentSource, LanAccess, Topology } from '@composure/core';
import { relativePath } from '../formatters/paths.js';

/** The JSON contract of `composure reach` (docs/cli.md): what `--format json` prints, and what the text view shows. */

export interface ReachReport {
  /** The project's name; `workspace` for several projects (--workspace). */
  project: string;
  /** With --workspace: the projects, by the name their services are prefixed with (`PROJECT/SERVICE`). */
  projects?: string[];
  services: string[];
  networks: { name: string; internal: boolean; driver: string; members: string[] }[];
  /** Every direct reach, both directions listed. */
  reach: { from: string; to: string; via: string[] }[];
  /**
   * Published ports Docker binds; `hostIp` null means every interface, `published` null a port Docker
   * picks from the host's ephemeral range; `addresses` the host addresses bound (`0.0.0.0` and `::` for
   * every interface); `loopback` reachable from the Docker host only.
   */
  ingress: { service: string; hostIp: string | null; published: string | null; target: number; protocol: string; addresses: string[]; loopback: boolean }[];
  egress: string[];
  /** Listed when there is any: what hosts outside the Docker host reach at a container's own address (macvlan, ipvlan, direct routing). */
  lan?: LanAccess[];
  /**
   * What the services mean to reach (intentsOf), each where it is written: `port` null when none is
   * written or known, `file` relative to the project directory, `line` 1-based.
   */
  intents: ReachIntent[];
  /** The Docker Engine version whose behaviour the report follows. */
  engine: string;
}

export interface ReachIntent {
  from: string;
  to: string;
  port: number | null;
  source: IntentSource;
  file: string;
  line: number;
}

export interface PairReport {
  from: string;
  to: string;
  direct: boolean;
  via: string[];
  /** The shortest transitive path, alternating services and networks, or null. */
  path: string[] | null;
}

/**
 * At most how many direct reaches the project has (pairs per network, summed): the whole list
 * is n² for a flat network of n services, so callers that print it check this first.
 */
export function reachUpperBound(topology: Topology): number {
  let pairs = 0;
  for (const network of topology.networks.values()) if (network.icc) pairs += network.members.length * (network.members.length - 1);
  // Shared namespaces and host mode add a few pairs per service at most.
  return pairs + topology.services.size * 4;
}

/** More pairs than any report should list (a million pairs is ~50 MB of JSON). */
export const MAX_LISTED_REACH = 1_000_000;

/** The report; `intents` with their files relative to `directory` (the project's). */
export function reachReport(projectName: string, topology: Topology, projects?: string[], intents: readonly Intent[] = [], directory = '/'): ReachReport {
  return {
    project: projectName,
    ...(projects && { projects: [...projects] }),
    services: [...topology.services.keys()].sort(),
    networks: [...topology.networks.values()].map((n) => ({ name: n.key, internal: n.internal, driver: n.driver, members: [...n.members].sort() })),
    reach: topology.reach.map((r) => ({ from: r.from, to: r.to, via: [...r.via] })),
    ingress: topology.ingress.map((p) => ({
      service: p.service,
      hostIp: p.hostIp ?? null,
      published: p.published === '' ? null : p.published,
      target: p.target,
      protocol: p.protocol,
      addresses: [...p.addresses],
      loopback: p.loopback,
    })),
    egress: [...topology.egress],
    ...(topology.lan.length > 0 && { lan: topology.lan.map((l) => ({ ...l, ports: l.ports === 'all' ? 'all' : [...l.ports] })) }),
    intents: intents.map((i) => ({
      from: i.from,
      to: i.to,
      port: i.port ?? null,
      source: i.source,
      file: relativePath(directory, i.file),
      line: i.line,
    })),
    engine: topology.engine.text,
  };
}

export function pairReport(topology: Topology, from: string, to: string): PairReport {
  const direct = topology.reaches(from, to);
  return { from, to, direct: direct !== undefined, via: direct ? [...direct.via] : [], path: from === to ? [from] : topology.path(from, to) };
}
