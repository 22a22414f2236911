import { get, getIn, isScalar, type Node } from '@composure/core/rule-kit';

/** A service that runs several containers: how many, and the key that says so. */
export interface Replicated {
  count: number;
  key: 'scale' | 'deploy.replicas';
  /** The value node, to report at. */
  node: Node;
}

/**
 * The replica count as compose-go's `ServiceConfig.GetScale` reads it (`scale` first, then
 * `deploy.replicas`; compose-go refuses the two with different values), when it is above 1;
 * undefined for one container, none, or a count that is not a whole number (an unresolved
 * variable: the `interpolation` finding reports it).
 */
export function replicatedSetting(service: Node): Replicated | undefined {
  for (const key of ['scale', 'deploy.replicas'] as const) {
    const node = key === 'scale' ? get(service, key) : getIn(service, ['deploy', 'replicas']);
    if (!isScalar(node)) continue;
    const text = String(node.value);
    if (!/^\d+$/.test(text)) continue;
    const count = Number(text);
    return count > 1 ? { count, key, node } : undefined;
  }
  return undefined;
}
