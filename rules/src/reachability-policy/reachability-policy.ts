import {
  closestMatch,
  defineRule,
  evaluatePolicies,
  policiesFor,
  type Node,
  type Pair,
  type PolicyReport,
  type ReportDescriptor,
  workspacePolicyScope,
} from '@composure/core/rule-kit';

type MessageId = 'violation' | 'unknownSelector';

/** A policy report as findings: each violation where the path starts, each selector naming nothing as a warning at the selector. */
function reportPolicies({ violations, unknownSelectors }: PolicyReport, report: (descriptor: ReportDescriptor<MessageId>) => void): void {
  for (const violation of violations) report({ messageId: 'violation', data: { violation: violation.message }, at: violation.at, service: violation.from });
  for (const unknown of unknownSelectors) {
    // A selector naming nothing is a mistake in the policy, not a breach: a warning at the selector.
    if (!unknown.at) continue;
    const prefix = unknown.selector.startsWith('network:') ? 'network:' : '';
    const match = closestMatch(unknown.selector.slice(prefix.length), unknown.known);
    const suggestion = match === undefined ? '' : ` Did you mean "${prefix}${match}"?`;
    report({ messageId: 'unknownSelector', data: { problem: unknown.message, suggestion }, at: unknown.at as Node | Pair, severity: 'warning' });
  }
}

export const reachabilityPolicy = defineRule({
  meta: {
    id: 'reachability-policy',
    description:
      'The segmentation policies declared in `x-composure` or `.composure.yaml` (deny, transitive deny, zero-trust allow) must hold for the topology.',
    severity: 'error',
    recommended: true,
    category: 'network',
    // The policy evaluator words both (composure reach prints the same text): the rule passes them on.
    messages: {
      violation: '{{violation}}',
      unknownSelector: '{{problem}}{{suggestion}}',
    },
  },
  check(context) {
    // Policies naming a project or a PROJECT/SERVICE are the workspace's (checkWorkspace).
    const policies = policiesFor(context.settings.policies, 'project');
    if (policies.length === 0) return;
    reportPolicies(evaluatePolicies(context.project, context.topology, policies), context.report);
  },
  checkWorkspace(context) {
    const policies = policiesFor(context.settings.policies, 'workspace');
    if (policies.length === 0) return;
    const { workspace } = context;
    reportPolicies(evaluatePolicies(workspacePolicyScope(workspace), workspace.topology, policies), context.report);
  },
});
