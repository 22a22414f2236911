import { defineRule, networkModeOf, services } from '@composure/core/rule-kit';

export const noHostNetwork = defineRule({
  meta: {
    id: 'no-host-network',
    description: "Services should not use the host's network stack (`network_mode: host`).",
    severity: 'warning',
    recommended: true,
    category: 'security',
    oncePerPlace: true,
    peers: ['KICS', 'compose-lint CL-0008', 'DockSec'],
    messages: {
      hostNetwork: `Service "{{service}}" uses the host's network stack (network_mode: host): it is not isolated from the host's interfaces and local services, and every port it listens on is open on the host; attach it to a network and publish only the ports it needs.`,
    },
  },
  check(context) {
    for (const service of services(context.project)) {
      const mode = networkModeOf(service.node);
      if (mode?.kind !== 'host') continue;
      context.report({
        messageId: 'hostNetwork',
        data: { service: service.name },
        at: mode.node,
        service: service.name,
      });
    }
  },
});
