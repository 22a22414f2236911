import {
  datastoreServices,
  defineRule,
  get,
  locOf,
  str,
  writtenPorts,
  type Fix,
  type Loc,
  type Project,
  type PublishedPort,
  type SuggestionDescriptor,
  type TopologyService,
} from '@composure/core/rule-kit';
import { bindFix, boundTo, hostAddressOf, isWildcard, LOOPBACK_BIND_MESSAGE } from '../published-ports.js';

/** How a binding reads in a message: `0.0.0.0:8080`, `[::]:443/udp`. */
function binding(port: PublishedPort): string {
  const ip = port.hostIp ?? '0.0.0.0';
  const host = ip.includes(':') && !ip.startsWith('[') ? `[${ip}]` : ip;
  // No host port written: Docker picks one from the host's ephemeral range.
  const published = port.published === '' ? `ephemeral (to ${port.target})` : port.published;
  return `${host}:${published}${port.protocol === 'tcp' ? '' : `/${port.protocol}`}`;
}

export const noExposedDatastoreAccess = defineRule({
  meta: {
    id: 'no-exposed-datastore-access',
    description: 'A service that publishes ports beyond loopback should not share a network with a datastore: one compromise away from the data.',
    severity: 'warning',
    recommended: true,
    category: 'network',
    hasSuggestions: true,
    messages: {
      bind: LOOPBACK_BIND_MESSAGE,
      sharesNetworkWithDatastore:
        'Service "{{service}}" publishes {{ports}} and shares network "{{network}}" with {{datastores}}: whoever compromises it is one hop from the data. Keep the data on a network the exposed service does not join (a reverse proxy in front of it, on another network), or publish on 127.0.0.1.',
    },
  },
  check(context) {
    const { topology } = context;
    const datastores = datastoreServices(topology, context.settings.datastores);
    const isDatastore = (name: string) => datastores.has(name);
    for (const service of topology.services.values()) {
      // A datastore publishing its own port is no-unbound-port-interfaces' business.
      if (isDatastore(service.name)) continue;
      const exposed = service.ingress.filter((port) => !port.loopback);
      if (exposed.length === 0) continue;
      for (const key of service.networks) {
        const network = topology.networks.get(key)!;
        // With inter-container traffic off, members of the network cannot talk to each other.
        if (!network.icc) continue;
        const shared = network.members.filter((m) => m !== service.name && isDatastore(m) && topology.services.get(m)!.namespaceOf !== service.name);
        if (shared.length === 0) continue;
        const names = shared.map((d) => `"${d}" (${topology.services.get(d)!.image})`).join(', ');
        const ports = exposed.map(binding).join(', ');
        // A namespace sharer has no entry of its own: its network_mode is where it joins.
        const at = service.attachments.get(key) ?? service.pair;
        context.report({
          messageId: 'sharesNetworkWithDatastore',
          data: { service: service.name, ports, network: key, datastores: `the datastore${shared.length > 1 ? 's' : ''} ${names}` },
          at,
          suggest: loopbackSuggestion(context.project, service, locOf(at)),
          service: service.name,
        });
      }
    }
  },
});

/**
 * Every port the service publishes on all interfaces, bound to 127.0.0.1 where it is written (the
 * message's last remedy). None when one of them cannot be rewritten there, or is written in another
 * file than the finding's (a fix edits one file).
 */
function loopbackSuggestion(project: Project, service: TopologyService, at: Loc | undefined): SuggestionDescriptor<'bind'>[] | undefined {
  const edits: Fix['edits'] = [];
  const bound: string[] = [];
  for (const port of writtenPorts(get(service.node, 'ports'))) {
    const hostIp = str(get(port.entries[0], 'host_ip'));
    const host = hostAddressOf(hostIp);
    if (!host || !isWildcard(host)) continue;
    const fix = bindFix(project, port, '127.0.0.1', hostIp);
    if (!fix || !at || fix.edits.some(() => port.entries[0].loc?.file !== at.file)) return undefined;
    edits.push(...fix.edits);
    bound.push(boundTo(port, '127.0.0.1', hostIp));
  }
  return edits.length > 0 ? [{ messageId: 'bind', data: { ports: bound.join(', ') }, fix: { edits } }] : undefined;
}
