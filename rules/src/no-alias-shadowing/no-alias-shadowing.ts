import { defineRule, get, str, type TopologyService } from '@composure/core/rule-kit';

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
    category: 'network',
    oncePerPlace: true,
    messages: {
      shadows:
        'Alias "{{alias}}" of service "{{service}}" on network "{{network}}" is also {{what}} "{{other}}" there: lookups of "{{alias}}" on "{{network}}" can return either container; rename the alias.',
    },
  },
  check(context) {
    const { topology } = context;
    const all = [...topology.services.values()].filter((s) => s.mode === 'networks');
    // Per network, who answers to which name there: one index, not a scan of every service per alias.
    const namesOn = new Map<string, Map<string, { service: TopologyService; what: string }>>();
    for (const service of all) {
      for (const network of service.attachments.keys()) {
        let names = namesOn.get(network);
        if (!names) namesOn.set(network, (names = new Map()));
        for (const { name, what } of namesOf(service)) if (!names.has(name.toLowerCase())) names.set(name.toLowerCase(), { service, what });
      }
    }
    for (const service of all) {
      const own = new Set(namesOf(service).map((n) => n.name.toLowerCase()));
      for (const [network, aliases] of service.aliases) {
        for (const alias of aliases) {
          const text = str(alias);
          if (text === undefined || own.has(text.toLowerCase())) continue;
          // Others with an endpoint of their own on the network (a shared namespace has none).
          const shadowed = namesOn.get(network)?.get(text.toLowerCase());
          if (!shadowed || shadowed.service === service) continue;
          context.report({
            messageId: 'shadows',
            data: { alias: text, service: service.name, network, what: shadowed.what, other: shadowed.service.name },
            at: alias,
            service: service.name,
          });
        }
      }
    }
  },
});
