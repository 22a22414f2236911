import { defineRule, describePort, get, joinWords, quoted, quotedList, writtenPorts } from '@composure/core/rule-kit';

/** Two networks read "a" and "b"; more, a list separated by commas. */
const networkList = (names: string[]) => (names.length === 2 ? joinWords(names.map(quoted)) : quotedList(names));

export const noUnreachablePorts = defineRule({
  meta: {
    id: 'no-unreachable-ports',
    description: 'A service whose networks are all `internal: true` should not publish ports: Docker never binds them.',
    severity: 'warning',
    recommended: true,
    category: 'network',
    oncePerPlace: true,
    messages: {
      neverBound:
        'Service "{{service}}" publishes port "{{port}}", but {{networks}}: Docker binds published ports only on a network with a gateway, so this port is never reachable; attach the service to a non-internal network or remove the port.',
    },
  },
  check(context) {
    for (const service of context.topology.services.values()) {
      // Only services on networks of their own: host, none, bridge and shared namespaces are other rules' business.
      if (service.mode !== 'networks' || service.egress || service.networks.length === 0) continue;
      // A network that is not declared: no-undefined-network reports it, and Compose refuses the project anyway.
      if (service.attachments.size !== service.networks.length) continue;
      const networks = service.networks;
      const where =
        networks.length === 1
          ? `its only network ${networkList(networks)} is internal`
          : `its networks ${networkList(networks)} are ${networks.length === 2 ? 'both' : 'all'} internal`;
      for (const port of writtenPorts(get(service.node, 'ports'))) {
        context.report({
          messageId: 'neverBound',
          data: { service: service.name, port: describePort(port), networks: where },
          at: port.at,
          service: service.name,
        });
      }
    }
  },
});
