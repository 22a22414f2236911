import type { Node } from '../source/node.js';

/**
 * Reachability policies as the configuration writes them: read by the configuration (config.ts),
 * handed to rules (rule.ts) and evaluated by the topology (topology/policies.ts).
 */

/** A policy selector: a service name (`PROJECT/SERVICE` in a workspace), `project:NAME`, `network:NAME`, `label:KEY=VALUE` or `image:GLOB`. */
export type Selector = string;

export interface PolicyEdge {
  from: Selector | Selector[];
  to: Selector | Selector[];
  transitive?: boolean;
  reason?: string;
}

export type Policy = { deny: PolicyEdge; reason?: string } | { default: 'deny'; allow: PolicyEdge[]; reason?: string };

/** A policy and where it was written (for findings about the policy itself, e.g. a selector naming no service). */
export interface LocatedPolicy {
  policy: Policy;
  /** Its node in .composure.yaml or under x-composure. */
  node?: Node;
  source: string;
}
