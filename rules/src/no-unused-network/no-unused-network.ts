import { defineRule, get, isMap, section, services, type Node } from '@composure/core/rule-kit';
import { REMOVE_MESSAGE, removeDeclaration } from '../suggest.js';

/** The network keys a service joins (canonical form: a mapping under `networks`). */
function networksOf(service: Node): string[] {
  const networks = get(service, 'networks');
  return isMap(networks) ? [...networks.entries.keys()] : [];
}

export const noUnusedNetwork = defineRule({
  meta: {
    id: 'no-unused-network',
    description: 'Every network declared under the top-level `networks` should be joined by a service, in some profile.',
    severity: 'warning',
    recommended: true,
    category: 'network',
    hasSuggestions: true,
    messages: {
      remove: REMOVE_MESSAGE,
      unused: 'Network "{{network}}" is declared but no service joins it: attach a service to it or remove the declaration.',
    },
  },
  check(context) {
    const { project } = context;
    // Services of other profiles count: the network is in use whenever their profile is active.
    const everyService = [...services(project).map((s) => s.node), ...[...project.disabledServices.values()].map((pair) => pair.value)];
    const used = new Set(everyService.flatMap(networksOf));
    for (const entry of section(project, 'networks')) {
      const name = String(entry.key.value);
      // No location: the `default` network Compose adds itself, not a declaration to clean up.
      if (used.has(name) || !entry.key.loc) continue;
      context.report({ messageId: 'unused', data: { network: name }, at: entry, suggest: removeDeclaration(project, entry) });
    }
  },
});
