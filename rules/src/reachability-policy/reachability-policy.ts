import { closestMatch, defineRule, evaluatePolicies, locOf } from '@composure/core/rule-kit';
import { RENAME_MESSAGE, renameFix } from '../suggest.js';

export const reachabilityPolicy = defineRule({
  meta: {
    id: 'reachability-policy',
    description:
      'The segmentation policies declared in `x-composure` or `.composure.yaml` (deny, transitive deny, zero-trust allow) must hold for the topology.',
    severity: 'error',
    recommended: true,
    category: 'network',
    // The policy evaluator words both (composure reach prints the same text): the rule passes them on.
    hasSuggestions: true,
    messages: {
      rename: RENAME_MESSAGE,
      violation: '{{violation}}',
      unknownSelector: '{{problem}}{{suggestion}}',
    },
  },
  check(context) {
    const { policies } = context.settings;
    if (policies.length === 0) return;
    const { violations, unknownSelectors } = evaluatePolicies(context.project, context.topology, policies);
    for (const violation of violations)
      context.report({ messageId: 'violation', data: { violation: violation.message }, at: violation.at, service: violation.from });
    for (const unknown of unknownSelectors) {
      // A selector naming nothing is a mistake in the policy, not a breach: a warning at the selector.
      if (!unknown.at) continue;
      const prefix = unknown.selector.startsWith('network:') ? 'network:' : '';
      const match = closestMatch(unknown.selector.slice(prefix.length), unknown.known);
      const suggestion = match === undefined ? '' : ` Did you mean "${prefix}${match}"?`;
      const written = unknown.selector.slice(prefix.length);
      const loc = locOf(unknown.at);
      const fix = match === undefined || !loc ? undefined : renameFix(context.project, loc, written, match, prefix);
      context.report({
        messageId: 'unknownSelector',
        data: { problem: unknown.message, suggestion },
        at: unknown.at,
        severity: 'warning',
        suggest: fix ? [{ messageId: 'rename', data: { from: written, to: match! }, fix }] : undefined,
      });
    }
  },
});
