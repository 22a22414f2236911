import type { DiffReport, IngressEntry, NetworkChange } from './compare.js';
import type { NetworkSettings } from './snapshot.js';

/** What the text and Markdown views share: reaches folded both ways, rebound ports paired, network changes in words. */

export interface Edge {
  from: string;
  to: string;
  via: string[];
  /** Both directions changed the same way: drawn `from ↔ to`. */
  both: boolean;
}

/**
 * Reaches with their reverse folded into one two-way edge (most reaches are a shared network, so
 * both ways), a datastore at the `to` end.
 */
export function foldReach(reach: readonly { from: string; to: string; via: readonly string[] }[], datastores: ReadonlySet<string>): Edge[] {
  const byPair = new Map(reach.map((r) => [`${r.from}\0${r.to}`, r]));
  const out: Edge[] = [];
  const done = new Set<string>();
  for (const r of reach) {
    const key = `${r.from}\0${r.to}`;
    if (done.has(key)) continue;
    const back = byPair.get(`${r.to}\0${r.from}`);
    const both = back !== undefined && back.via.join() === r.via.join();
    if (both) done.add(`${r.to}\0${r.from}`);
    const flip = both && datastores.has(r.from) && !datastores.has(r.to);
    out.push({ from: flip ? r.to : r.from, to: flip ? r.from : r.to, via: [...r.via], both });
  }
  return out;
}

export interface IngressView {
  added: IngressEntry[];
  removed: IngressEntry[];
  /** One container port bound anew: the same service, target and protocol, another address or host port. */
  rebound: { before: IngressEntry; after: IngressEntry }[];
}

export function ingressView(report: DiffReport): IngressView {
  const target = (p: IngressEntry) => `${p.service}\0${p.target}\0${p.protocol}`;
  const removed = [...report.ingress.removed];
  const added: IngressEntry[] = [];
  const rebound: IngressView['rebound'] = [];
  for (const after of report.ingress.added) {
    const i = removed.findIndex((before) => target(before) === target(after));
    if (i < 0) added.push(after);
    else rebound.push({ before: removed.splice(i, 1)[0], after });
  }
  return { added, removed, rebound };
}

const settingsText = (s: NetworkSettings) =>
  `driver ${s.driver}, ${s.internal ? 'internal' : 'not internal'}, ${s.subnets.length > 0 ? `subnet ${s.subnets.join(', ')}` : 'no subnet'}`;

/** `added (driver bridge, internal, no subnet)`, `internal: no → yes; subnet: 10.0.0.0/24 → none`. */
export function networkChangeText(change: NetworkChange): string {
  if (!change.base) return `added (${settingsText(change.head!)})`;
  if (!change.head) return `removed (was ${settingsText(change.base)})`;
  const parts: string[] = [];
  const { base, head } = change;
  if (base.driver !== head.driver) parts.push(`driver: ${base.driver} → ${head.driver}`);
  if (base.internal !== head.internal) parts.push(`internal: ${base.internal ? 'yes' : 'no'} → ${head.internal ? 'yes' : 'no'}`);
  const subnets = (s: NetworkSettings) => (s.subnets.length > 0 ? s.subnets.join(', ') : 'none');
  if (subnets(base) !== subnets(head)) parts.push(`subnet: ${subnets(base)} → ${subnets(head)}`);
  return parts.join('; ');
}

/** Whether the change touches nothing the diff reports. */
export function isEmpty(report: DiffReport): boolean {
  const { reach, paths, ingress, egress, violations, networks } = report;
  return [reach, paths, ingress, egress, violations].every((c) => c.added.length === 0 && c.removed.length === 0) && networks.changed.length === 0;
}
