import { defineRule, get, getPair, isScalar, isUninterpolated, services } from '@composure/core/rule-kit';
import { removeEntryFix } from '../suggest.js';
import { replicatedSetting } from '../replicas.js';

export const noDuplicateContainerNames = defineRule({
  meta: {
    id: 'no-duplicate-container-names',
    description:
      'Two enabled services must not set the same `container_name`, and a service that runs several containers must not set one: Docker cannot give two containers one name.',
    severity: 'error',
    recommended: true,
    category: 'hygiene',
    peers: ['dclint no-duplicate-container-names'],
    hasSuggestions: true,
    messages: {
      removeContainerName: 'Remove container_name',
      nameTaken:
        'Container name "{{name}}" is already used by service "{{owner}}": Docker cannot create two containers with the same name. Give service "{{service}}" another container_name, or remove it to let Compose name the container.',
      nameReplicated:
        'Service "{{service}}" sets container_name "{{name}}" but runs {{count}} containers ({{key}}): Compose refuses the project ("can\'t set container_name … as container name must be unique"); remove container_name to let Compose name each container, or run one.',
    },
  },
  check(context) {
    // The first service (in project order) to claim a name keeps it; every later one is reported.
    const owners = new Map<string, string>();
    for (const service of services(context.project)) {
      const name = get(service.node, 'container_name');
      // Not a string: the schema reports it; unresolved: its final text is unknown.
      if (!isScalar(name) || typeof name.value !== 'string' || name.value === '' || isUninterpolated(name.value)) continue;
      const replicated = replicatedSetting(service.node);
      if (replicated) {
        const data = { service: service.name, name: name.value, count: replicated.count, key: replicated.key };
        // A suggestion: tools outside the project may know the container by that name.
        const fix = removeEntryFix(context.project, getPair(service.node, 'container_name')!);
        context.report({
          messageId: 'nameReplicated',
          data,
          at: name,
          service: service.name,
          suggest: fix ? [{ messageId: 'removeContainerName', fix }] : undefined,
        });
      }
      const owner = owners.get(name.value);
      if (owner === undefined) {
        owners.set(name.value, service.name);
        continue;
      }
      context.report({
        messageId: 'nameTaken',
        data: { name: name.value, owner, service: service.name },
        at: name,
        service: service.name,
      });
    }
  },
});
