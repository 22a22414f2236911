import { defineRule, get, getPair, joinWords, quoted, splitServiceName, str, type Node, type Pair, type TopologyService } from '@composure/core/rule-kit';

/** One name a service registers on a network, and where it is written. */
interface Registration {
  name: string;
  /** `service name`, `container_name`, `hostname` or `alias`. */
  kind: string;
  /** The service's workspace name, `PROJECT/SERVICE`. */
  service: string;
  at: Node | Pair;
}

/**
 * The names Docker's embedded DNS answers with this container's address on one network: the
 * service name, container_name and hostname on every network it is on, its aliases on that one
 * (https://docs.docker.com/engine/network/#dns-services). A service sharing another's namespace,
 * or joining by network_mode, registers none of its own.
 */
function registrations(service: TopologyService, network: string): Registration[] {
  if (service.namespaceOf !== undefined || service.mode !== 'networks') return [];
  const out: Registration[] = [{ name: splitServiceName(service.name).service, kind: 'service name', service: service.name, at: service.pair }];
  for (const key of ['container_name', 'hostname']) {
    const pair = getPair(service.node, key);
    const value = str(get(service.node, key));
    if (pair && value) out.push({ name: value, kind: key, service: service.name, at: pair.value });
  }
  for (const alias of service.aliases.get(network) ?? []) out.push({ name: String(alias.value), kind: 'alias', service: service.name, at: alias });
  // A name registered twice by one service (hostname equal to the service name) is one registration.
  return out.filter((r, i) => out.findIndex((o) => o.name === r.name) === i);
}

export const noDnsCollision = defineRule({
  meta: {
    id: 'no-dns-collision',
    description:
      'Two projects on one Docker host must not put the same DNS name (service name, alias, hostname, container_name) on a network they share (composure lint --workspace).',
    severity: 'error',
    recommended: true,
    category: 'network',
    messages: {
      collision:
        'Project "{{project}}" puts the name "{{name}}" ({{kind}} of service "{{service}}") on network "{{network}}", where {{others}} answers to it too: Docker\'s DNS may return either container, so a client asking for "{{name}}" can reach the other project\'s. Rename it, or give it an alias unique on the shared network and use that.',
    },
  },
  checkWorkspace(context) {
    const { topology, networks } = context.workspace;
    for (const network of topology.networks.values()) {
      if ((networks.get(network.key)?.projects.length ?? 0) < 2) continue;
      const byName = new Map<string, Registration[]>();
      for (const member of network.members)
        for (const registration of registrations(topology.services.get(member)!, network.key))
          byName.set(registration.name, [...(byName.get(registration.name) ?? []), registration]);
      for (const [name, list] of byName) {
        const projectOf = (r: Registration) => splitServiceName(r.service).project;
        if (new Set(list.map(projectOf)).size < 2) continue;
        for (const registration of list) {
          const { project, service } = splitServiceName(registration.service);
          const others = list.filter((o) => projectOf(o) !== project).map((o) => `${quoted(o.service)} (${o.kind})`);
          context.report({
            messageId: 'collision',
            data: { project, name, kind: registration.kind, service, network: network.key, others: joinWords(others) },
            at: registration.at,
            service: registration.service,
          });
        }
      }
    }
  },
});
