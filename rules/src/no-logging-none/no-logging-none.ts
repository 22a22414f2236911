import { defineRule, getIn, isScalar, services } from '@composure/core/rule-kit';

export const noLoggingNone = defineRule({
  meta: {
    id: 'no-logging-none',
    description: 'Services should not discard their logs with `logging.driver: none`.',
    severity: 'info',
    category: 'security',
    oncePerPlace: true,
    peers: ['compose-lint CL-0014'],
    messages: {
      logsDiscarded:
        'Service "{{service}}" discards its logs (logging driver "none"): there is no record to investigate an incident or a crash with; use the local or json-file driver with rotation (max-size, max-file), or ship the logs to a collector.',
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      const node = getIn(service.node, ['logging', 'driver']);
      if (!isScalar(node) || node.value !== 'none') continue;
      context.report({
        messageId: 'logsDiscarded',
        data: { service: service.name },
        at: node,
        service: service.name,
      });
    }
  },
});
