import { evaluatePolicies, ipamConfigs, str, type PolicyViolation, type Project, type Topology } from '@composure/core';
import { datastoreServices } from '@composure/core/rule-kit';
import { reachReport, type ReachReport } from '../commands/reach-report.js';
import type { LoadedSide } from './sides.js';

/**
 * One side of a diff: what `composure reach` computes for it (the same report, the same policies),
 * plus the transitive paths to its datastores and its networks' settings. Both sides are computed
 * by this one function, so that comparing them compares like with like.
 */

export interface NetworkSettings {
  driver: string;
  internal: boolean;
  /** The `ipam.config` subnets as written, in order. */
  subnets: string[];
}

export interface Snapshot {
  /** The projects analysed (one, or a workspace's): where the findings of the CI formats point. */
  projects: Project[];
  topology: Topology;
  report: ReachReport;
  violations: PolicyViolation[];
  datastores: ReadonlySet<string>;
  /** Each datastore, and the services that reach it, directly or through others. */
  datastoreReachers: Map<string, ReadonlySet<string>>;
  networks: Map<string, NetworkSettings>;
}

export function snapshotOf({ target, projects }: LoadedSide): Snapshot {
  const { topology, config, scope } = target;
  const datastores = datastoreServices(topology, config.datastores);
  const datastoreReachers = new Map([...datastores].sort().map((datastore) => [datastore, topology.reachersOf(datastore)]));
  const networks = new Map(
    [...topology.networks.values()].map((n) => [
      n.key,
      {
        driver: n.driver,
        internal: n.internal,
        subnets: ipamConfigs(n.node)
          .map((entry) => str(entry.subnet))
          .filter((s): s is string => s !== undefined),
      },
    ]),
  );
  return {
    projects,
    topology,
    report: reachReport(target.name, topology, target.projects),
    violations: evaluatePolicies(scope, topology, target.policies).violations,
    datastores,
    datastoreReachers,
    networks,
  };
}
