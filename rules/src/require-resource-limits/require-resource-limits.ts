import { defineRule, get, getIn, isUninterpolated, joinWords, services, str, type Node } from '@composure/core/rule-kit';

/**
 * Whether a setting bounds something: a positive amount. Docker reads 0 (and -1 for pids) as
 * unlimited. A value interpolation could not resolve is unknown and counts as a limit.
 */
function bounds(node: Node | undefined): boolean {
  const text = str(node)?.trim();
  if (text === undefined || text === '') return false;
  if (isUninterpolated(text)) return true;
  const amount = Number.parseFloat(text);
  return Number.isFinite(amount) && amount > 0;
}

interface Limit {
  /** How a message names it. */
  name: string;
  /** Its key under deploy.resources.limits. */
  key: string;
  /** The service-level keys that set it too. */
  legacy: string[];
}

const LIMITS: readonly Limit[] = [
  { name: 'memory', key: 'memory', legacy: ['mem_limit'] },
  // cpu_quota (with cpu_period) caps CPU time as cpus does; cpu_shares is a weight, not a limit.
  { name: 'CPU', key: 'cpus', legacy: ['cpus', 'cpu_quota'] },
  { name: 'pids', key: 'pids', legacy: ['pids_limit'] },
];

export const requireResourceLimits = defineRule({
  meta: {
    id: 'require-resource-limits',
    description: 'Services should limit their memory, CPU and number of processes.',
    severity: 'info',
    category: 'security',
    peers: ['KICS Memory Not Limited', 'KICS Cpus Not Limited', 'KICS Pids Limit Not Set', 'compose-lint CL-0026', 'DockSec'],
    messages: {
      noLimits:
        'Service "{{service}}" has no {{limits}} limit: a runaway or compromised container can starve the host and every other service; set {{keys}} under deploy.resources.limits.',
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      const limits = getIn(service.node, ['deploy', 'resources', 'limits']);
      const missing = LIMITS.filter((limit) => !bounds(get(limits, limit.key)) && !limit.legacy.some((key) => bounds(get(service.node, key))));
      if (missing.length === 0) continue;
      context.report({
        messageId: 'noLimits',
        data: {
          service: service.name,
          limits: joinWords(
            missing.map((l) => l.name),
            'or',
          ),
          keys: joinWords(missing.map((l) => l.key)),
        },
        at: service.pair,
        service: service.name,
      });
    }
  },
});
