import type { PolicyViolation } from '@composure/core';
import type { ReachReport } from '../commands/reach-report.js';
import type { NetworkSettings, Snapshot } from './snapshot.js';

/** The JSON contract of `composure diff` (docs/formats.md#composure-diff): exactly these fields. */

export type IngressEntry = ReachReport['ingress'][number];

export interface ViolationEntry {
  kind: PolicyViolation['kind'];
  from: string;
  to: string;
  network?: string;
  path: string[];
  message: string;
}

export interface NetworkChange {
  name: string;
  /** Null: the network is not in that side. */
  base: NetworkSettings | null;
  head: NetworkSettings | null;
}

interface Changes<T> {
  added: T[];
  removed: T[];
}

export interface DiffReport {
  base: string;
  head: string;
  reach: Changes<{ from: string; to: string; via: string[] }>;
  paths: Changes<{ from: string; to: string; path: string[] }>;
  ingress: Changes<IngressEntry>;
  egress: Changes<string>;
  violations: Changes<ViolationEntry>;
  networks: { changed: NetworkChange[] };
}

/** What is in `head` and not in `base`, by key, in `head`'s order. */
function added<T>(head: readonly T[], base: readonly T[], key: (item: T) => string): T[] {
  const known = new Set(base.map(key));
  return head.filter((item) => !known.has(key(item)));
}

function changes<T>(base: readonly T[], head: readonly T[], key: (item: T) => string): Changes<T> {
  return { added: added(head, base, key), removed: added(base, head, key) };
}

const pairKey = (from: string, to: string) => `${from}\0${to}`;

const ingressKey = (p: IngressEntry) => [p.service, p.hostIp ?? '', p.published ?? '', p.target, p.protocol].join('\0');

/** A violation is the same across sides when the same policy is broken the same way by the same services (its path may differ). */
const violationKey = (v: PolicyViolation) => [JSON.stringify(v.policy.policy), v.kind, v.from, v.to, v.network ?? ''].join('\0');

const violationEntry = (v: PolicyViolation): ViolationEntry => ({
  kind: v.kind,
  from: v.from,
  to: v.to,
  ...(v.network === undefined ? {} : { network: v.network }),
  path: [...v.path],
  message: v.message,
});

/**
 * Transitive paths to a datastore that appear (or disappear): pairs that reach a datastore in one side
 * and not at all in the other, leaving out the direct reaches (listed under reach).
 */
function pathChanges(from: Snapshot, to: Snapshot): { from: string; to: string; path: string[] }[] {
  const out: { from: string; to: string; path: string[] }[] = [];
  for (const [datastore, reachers] of from.datastoreReachers) {
    const other = to.datastoreReachers.get(datastore);
    for (const source of [...reachers].sort()) {
      if (other?.has(source) || from.topology.reaches(source, datastore)) continue;
      // Only the pairs that changed get a path: most services reach most datastores on both sides.
      out.push({ from: source, to: datastore, path: from.topology.path(source, datastore)! });
    }
  }
  return out;
}

const sameSettings = (a: NetworkSettings, b: NetworkSettings) =>
  a.driver === b.driver && a.internal === b.internal && a.subnets.length === b.subnets.length && a.subnets.every((s, i) => s === b.subnets[i]);

function networkChanges(base: Snapshot, head: Snapshot): NetworkChange[] {
  const names = [...new Set([...base.networks.keys(), ...head.networks.keys()])];
  const out: NetworkChange[] = [];
  for (const name of names) {
    const before = base.networks.get(name) ?? null;
    const after = head.networks.get(name) ?? null;
    if (before && after && sameSettings(before, after)) continue;
    out.push({ name, base: before, head: after });
  }
  return out;
}

/** What the change from `base` to `head` does to the network. */
export function compareSnapshots(baseLabel: string, headLabel: string, base: Snapshot, head: Snapshot): DiffReport {
  const reachKey = (r: { from: string; to: string }) => pairKey(r.from, r.to);
  return {
    base: baseLabel,
    head: headLabel,
    reach: changes(base.report.reach, head.report.reach, reachKey),
    paths: { added: pathChanges(head, base), removed: pathChanges(base, head) },
    ingress: changes(base.report.ingress, head.report.ingress, ingressKey),
    egress: changes(base.report.egress, head.report.egress, (s) => s),
    violations: {
      added: added(head.violations, base.violations, violationKey).map(violationEntry),
      removed: added(base.violations, head.violations, violationKey).map(violationEntry),
    },
    networks: { changed: networkChanges(base, head) },
  };
}
