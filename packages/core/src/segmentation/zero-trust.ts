import type { Topology } from '../topology/topology-types.js';
import { namespaceRoot, pairKey } from './unneeded-reach.js';

/**
 * The zero-trust policy `composure suggest` proposes: `default: deny` with one `allow` entry per
 * pair of services an intent connects, in the policy syntax of docs/configuration.md#network-policies
 * (an entry allows the pair both ways, as Docker networks do), each with where its intent is written.
 */

export interface LocatedIntent {
  from: string;
  to: string;
  source: string;
  /** Where it is written, as the caller prints paths. */
  where: string;
}

/** A selector as YAML: plain when it is a simple name, else double-quoted. */
const scalar = (text: string) =>
  /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(text) && !/^(true|false|null|yes|no|on|off|y|n)$/i.test(text) ? text : JSON.stringify(text);

export function zeroTrustPolicy(topology: Topology, intents: readonly LocatedIntent[]): string {
  const seen = new Set<string>();
  const entries: string[] = [];
  for (const i of intents) {
    if (!topology.services.has(i.from) || !topology.services.has(i.to)) continue;
    // One namespace is one endpoint: no policy separates it (reach over localhost is never judged).
    if (namespaceRoot(topology, i.from) === namespaceRoot(topology, i.to)) continue;
    const key = pairKey(i.from, i.to);
    if (seen.has(key)) continue;
    seen.add(key);
    entries.push(`      - { from: ${scalar(i.from)}, to: ${scalar(i.to)} }  # ${i.source}: ${i.where}`);
  }
  const lines = [
    '# Zero trust from what the services mean to reach (composure suggest): every direct',
    '# reach must be allowed; an entry allows the pair both ways, as Docker networks do.',
    'policies:',
    '  - default: deny',
    '    reason: only what the configuration says a service reaches',
  ];
  lines.push(entries.length > 0 ? '    allow:' : '    allow: []', ...entries);
  return lines.join('\n') + '\n';
}
