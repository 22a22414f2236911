import {
  closestMatch,
  defineRule,
  evaluatePolicies,
  locOf,
  policiesFor,
  type Node,
  type Pair,
  type PolicyReport,
  type Project,
  type ReportDescriptor,
  workspacePolicyScope,
} from '@composure/core/rule-kit';
import { RENAME_MESSAGE, renameFix } from '../suggest.js';

type MessageId = 'violation' | 'unknownSelector' | 'rename';

/**
 * A policy report as findings: each violation where the path starts, each selector naming nothing as a warning at the selector,
 * with the did-you-mean as a suggestion when the project whose files hold the selector is known.
 */
function reportPolicies({ violations, unknownSelectors }: PolicyReport, report: (descriptor: ReportDescriptor<MessageId>) => void, project?: Project): void {
  for (const violation of violations) report({ messageId: 'violation', data: { violation: violation.message }, at: violation.at, service: violation.from });
  for (const unknown of unknownSelectors) {
    // A selector naming nothing is a mistake in the policy, not a breach: a warning at the selector.
    if (!unknown.at) continue;
    const prefix = unknown.selector.startsWith('network:') ? 'network:' : '';
    const match = closestMatch(unknown.selector.slice(prefix.length), unknown.known);
    const suggestion = match === undefined ? '' : ` Did you mean "${prefix}${match}"?`;
    const written = unknown.selector.slice(prefix.length);
    const loc = locOf(unknown.at as Node | Pair);
    const fix = match === undefined || !loc || !project ? undefined : renameFix(project, loc, written, match, prefix);
    report({
      messageId: 'unknownSelector',
      data: { problem: unknown.message, suggestion },
      at: unknown.at as Node | Pair,
      severity: 'warning',
      suggest: fix ? [{ messageId: 'rename', data: { from: written, to: match! }, fix }] : undefined,
    });
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
    hasSuggestions: true,
    messages: {
      rename: RENAME_MESSAGE,
      violation: '{{violation}}',
      unknownSelector: '{{problem}}{{suggestion}}',
    },
  },
  check(context) {
    // Policies naming a project or a PROJECT/SERVICE are the workspace's (checkWorkspace).
    const policies = policiesFor(context.settings.policies, 'project');
    if (policies.length === 0) return;
    reportPolicies(evaluatePolicies(context.project, context.topology, policies), context.report, context.project);
  },
  checkWorkspace(context) {
    const policies = policiesFor(context.settings.policies, 'workspace');
    if (policies.length === 0) return;
    const { workspace } = context;
    reportPolicies(evaluatePolicies(workspacePolicyScope(workspace), workspace.topology, policies), context.report);
  },
});
