import { datastoreServices, defineRule, joinWords, quoted, splitServiceName } from '@composure/core/rule-kit';

export const noSharedDatastoreNetwork = defineRule({
  meta: {
    id: 'no-shared-datastore-network',
    description: 'A datastore should not be on a network that other projects of the Docker host join (composure lint --workspace).',
    severity: 'warning',
    recommended: true,
    category: 'network',
    messages: {
      sharedWithProjects:
        'Datastore "{{service}}" ({{image}}) of project "{{project}}" is on network "{{network}}", which services of {{others}} join too: every container there can connect to it. Put it on a network of its own project (internal: true) that only its clients join.',
    },
  },
  checkWorkspace(context) {
    const { topology, networks } = context.workspace;
    const datastores = datastoreServices(topology, context.settings.datastores);
    for (const network of topology.networks.values()) {
      const projects = networks.get(network.key)?.projects ?? [];
      if (projects.length < 2 || !network.icc) continue;
      for (const member of network.members) {
        if (!datastores.has(member)) continue;
        const service = topology.services.get(member)!;
        const { project, service: name } = splitServiceName(member);
        const others = projects.filter((p) => p !== project).map((p) => `project ${quoted(p)}`);
        context.report({
          messageId: 'sharedWithProjects',
          data: { service: name, image: service.image ?? '', project, network: network.key, others: joinWords(others) },
          // Its entry for that network, where it joins it (a sharer of another's namespace: where it says so).
          at: service.attachments.get(network.key) ?? service.pair,
          service: member,
        });
      }
    }
  },
});
