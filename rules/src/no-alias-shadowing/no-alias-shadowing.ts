import { defineRule, get, str, type TopologyService } from '@composure/core';
import { firstTimeWritten } from '../written-once.js';

/** The names a service answers to by itself, with what each is; DNS names compare without regard to case. */
function namesOf(service: TopologyService): { name: string; what: string }[] {
  const names = [{ name: service.name, what: 'the name of service' }];
  for (const [key, what] of [
    ['container_name', 'the container_name of service'],
    ['hostname', 'the hostname of service'],
  ]) {
    const value = str(get(service.node, key));
    if (value) names.push({ name: value, what });
  }
  return names;
}

export const noAliasShadowing = defineRule({
  meta: {
    id: 'no-alias-shadowing',
    description: 'A network alias must not be the name of another service on the same network.',
    severity: 'warning',
    recommended: true,
    fixable: false,
    category: 'network',
    peers: [],
  },
  defaultOptions: {},
  check(context) {
    const { topology } = context;
    const firstTime = firstTimeWritten();
    const all = [...topology.services.values()];
    for (const service of all) {
      if (service.mode !== 'networks') continue;
      const own = new Set(namesOf(service).map((n) => n.name.toLowerCase()));
      for (const [network, aliases] of service.aliases) {
        // Others with an endpoint of their own on the network (a shared namespace has none).
        const others = all.filter((s) => s !== service && s.mode === 'networks' && s.attachments.has(network));
        for (const alias of aliases) {
          const text = str(alias);
          if (text === undefined || own.has(text.toLowerCase())) continue;
          let shadowed: { service: TopologyService; what: string } | undefined;
          for (const other of others) {
            const match = namesOf(other).find((n) => n.name.toLowerCase() === text.toLowerCase());
            if (match) {
              shadowed = { service: other, what: match.what };
              break;
            }
          }
          if (!shadowed || !firstTime(alias.loc)) continue;
          context.report({
            message: `Alias "${text}" of service "${service.name}" on network "${network}" is also ${shadowed.what} "${shadowed.service.name}" there: lookups of "${text}" on "${network}" can return either container; rename the alias.`,
            at: alias,
            service: service.name,
          });
        }
      }
    }
  },
});
