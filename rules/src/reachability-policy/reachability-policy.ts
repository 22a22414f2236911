import { closestMatch, defineRule, evaluatePolicies } from '@composure/core/rule-kit';

export const reachabilityPolicy = defineRule({
  meta: {
    id: 'reachability-policy',
    description: 'The segmentation policies declared in `x-composure` or `.composure.yaml` (deny, transitive deny, zero-trust allow) must hold for the topology.',
    severity: 'error',
    recommended: true,
    category: 'network',
  },
  check(context) {
    const { policies } = context.settings;
    if (policies.length === 0) return;
    const { violations, unknownSelectors } = evaluatePolicies(context.project, context.topology, policies);
    for (const violation of violations) context.report({ message: violation.message, at: violation.at, service: violation.from });
    for (const unknown of unknownSelectors) {
      // A selector naming nothing is a mistake in the policy, not a breach: a warning at the selector.
      if (!unknown.at) continue;
      const prefix = unknown.selector.startsWith('network:') ? 'network:' : '';
      const match = closestMatch(unknown.selector.slice(prefix.length), unknown.known);
      const hint = match === undefined ? '' : ` Did you mean "${prefix}${match}"?`;
      context.report({ message: `${unknown.message}${hint}`, at: unknown.at, severity: 'warning' });
    }
  },
});
