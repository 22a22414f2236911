import { defineRule, get, isMap, section, services } from '@composure/core/rule-kit';
import { didYouMeanOr } from '../suggest.js';

export const noUndefinedNetwork = defineRule({
  meta: {
    id: 'no-undefined-network',
    description: 'A service may only join networks declared under the top-level `networks` (`default` is always declared).',
    severity: 'error',
    recommended: true,
    category: 'network',
    oncePerPlace: true,
    messages: {
      undeclared: 'Service "{{service}}" joins network "{{network}}", which is not declared under the top-level networks: {{suggestion}}',
    },
  },
  check(context) {
    const declared = new Set(section(context.project, 'networks').map((p) => String(p.key.value)));
    // Compose creates `default` whenever a service uses it, declared or not.
    declared.add('default');
    for (const service of services(context.project)) {
      // Canonical form: a mapping of network names, each key located where the service listed it.
      const networks = get(service.node, 'networks');
      if (!isMap(networks)) continue;
      for (const [name, entry] of networks.entries) {
        if (declared.has(name)) continue;
        context.report({
          messageId: 'undeclared',
          data: { service: service.name, network: name, suggestion: didYouMeanOr(name, declared, 'declare it there or fix the name.') },
          at: entry,
          service: service.name,
        });
      }
    }
  },
});
