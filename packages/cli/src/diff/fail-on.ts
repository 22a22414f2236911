import { UsageError } from '../io.js';
import type { DiffReport } from './compare.js';

/**
 * `--fail-on`: the kinds of change that make `composure diff` exit with 1. Only what a change adds
 * counts: a removed reach or ingress makes the project no more exposed.
 */

export const FAIL_ON_KINDS = {
  'datastore-reach': 'a new reach to a datastore, direct or through other services',
  reach: 'a new direct reach between two services',
  ingress: 'a new published port that hosts other than the Docker host reach (one bound to loopback only does not count)',
  egress: 'new egress: a service able to open connections outside the project',
  violation: 'a new policy violation',
  network: 'a network added, removed, or with another driver, internal flag or subnet',
} as const;

export type FailOnKind = keyof typeof FAIL_ON_KINDS;

export const DEFAULT_FAIL_ON: readonly FailOnKind[] = ['datastore-reach', 'ingress', 'violation'];

/** `--fail-on a,b` (repeatable too); `none`: never. */
export function parseFailOn(values: readonly string[] | undefined): Set<FailOnKind> {
  if (values === undefined || values.length === 0) return new Set(DEFAULT_FAIL_ON);
  const kinds = new Set<FailOnKind>();
  for (const word of values.flatMap((v) => v.split(',')).map((w) => w.trim())) {
    if (word === 'none') continue;
    if (!Object.hasOwn(FAIL_ON_KINDS, word))
      throw new UsageError(`--fail-on expects a list of ${Object.keys(FAIL_ON_KINDS).join(', ')} or none (got "${word}")`);
    kinds.add(word as FailOnKind);
  }
  return kinds;
}

/** How many of each kind the change adds (every kind counted, whatever --fail-on says). */
export function countChanges(report: DiffReport, datastores: ReadonlySet<string>): Record<FailOnKind, number> {
  return {
    'datastore-reach': report.reach.added.filter((r) => datastores.has(r.to)).length + report.paths.added.length,
    reach: report.reach.added.length,
    ingress: report.ingress.added.filter((p) => !p.loopback).length,
    egress: report.egress.added.length,
    violation: report.violations.added.length,
    network: report.networks.changed.length,
  };
}

/** The kinds --fail-on asks for that the change has, in the order of FAIL_ON_KINDS. */
export function failures(counts: Record<FailOnKind, number>, failOn: ReadonlySet<FailOnKind>): FailOnKind[] {
  return (Object.keys(FAIL_ON_KINDS) as FailOnKind[]).filter((kind) => failOn.has(kind) && counts[kind] > 0);
}
