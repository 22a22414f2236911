import { defineRule, get, isMap, quotedList, section, services, type Node } from '@composure/core/rule-kit';

/** The network keys a service joins (canonical form: a mapping under `networks`). */
function networksOf(service: Node): string[] {
  const networks = get(service, 'networks');
  return isMap(networks) ? [...networks.entries.keys()] : [];
}

export const noUnusedNetwork = defineRule({
  meta: {
    id: 'no-unused-network',
    description: 'Every network declared under the top-level `networks` should be joined by an enabled service.',
    severity: 'warning',
    recommended: true,
    category: 'network',
    messages: {
      onlyDisabledUsers:
        'Network "{{network}}" is only joined by services disabled by the active profiles ({{services}}): Compose creates it only when one of their profiles is active.',
      unused: 'Network "{{network}}" is declared but no service joins it: attach a service to it or remove the declaration.',
    },
  },
  check(context) {
    const { project } = context;
    const used = new Set(services(project).flatMap((s) => networksOf(s.node)));
    for (const entry of section(project, 'networks')) {
      const name = String(entry.key.value);
      // No location: the `default` network Compose adds itself, not a declaration to clean up.
      if (used.has(name) || !entry.key.loc) continue;
      // Services switched off by profiles still declare their networks: say so rather than "unused".
      const users = [...project.disabledServices].filter(([, pair]) => networksOf(pair.value).includes(name)).map(([service]) => service);
      if (users.length > 0) context.report({ messageId: 'onlyDisabledUsers', data: { network: name, services: quotedList(users) }, at: entry });
      else context.report({ messageId: 'unused', data: { network: name }, at: entry });
    }
  },
});
