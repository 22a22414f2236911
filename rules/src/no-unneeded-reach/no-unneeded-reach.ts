import { datastoreServices, defineRule, intentsOf, joinWords, quoted, unneededDatastoreReach } from '@composure/core/rule-kit';

export const noUnneededReach = defineRule({
  meta: {
    id: 'no-unneeded-reach',
    description: 'A service should not reach a datastore that nothing in its configuration means to reach (least privilege).',
    severity: 'warning',
    category: 'network',
    messages: {
      unneededReach:
        'Service "{{service}}" can reach the datastore "{{datastore}}" over {{networks}}, but nothing in either one\'s configuration means to (no URL, host variable, depends_on, link, label or mounted config names the other): whoever compromises "{{service}}" is one hop from the data it never uses. Keep "{{datastore}}" on a network only its clients join (`composure suggest` proposes one).',
    },
  },
  check(context) {
    const { project, topology } = context;
    const intents = intentsOf(project, topology);
    for (const found of unneededDatastoreReach(topology, intents, datastoreServices(topology, context.settings.datastores))) {
      const service = topology.services.get(found.service)!;
      context.report({
        messageId: 'unneededReach',
        data: {
          service: found.service,
          datastore: found.datastore,
          networks: `${found.networks.length === 1 ? 'network' : 'networks'} ${joinWords(found.networks.map(quoted))}`,
        },
        at: service.pair,
        service: found.service,
      });
    }
  },
});
