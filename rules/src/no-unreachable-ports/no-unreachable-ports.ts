import { defineRule, describePort, get, writtenPorts } from '@composure/core/rule-kit';
import { firstTimeWritten } from '../written-once.js';

const quoted = (names: string[]) => names.map((n) => `"${n}"`).join(names.length === 2 ? ' and ' : ', ');

export const noUnreachablePorts = defineRule({
  meta: {
    id: 'no-unreachable-ports',
    description: 'A service whose networks are all `internal: true` should not publish ports: Docker never binds them.',
    severity: 'warning',
    recommended: true,
    category: 'network',
  },
  check(context) {
    const firstTime = firstTimeWritten();
    for (const service of context.topology.services.values()) {
      // Only services on networks of their own: host, none, bridge and shared namespaces are other rules' business.
      if (service.mode !== 'networks' || service.egress || service.networks.length === 0) continue;
      // A network that is not declared: no-undefined-network reports it, and Compose refuses the project anyway.
      if (service.attachments.size !== service.networks.length) continue;
      const networks = service.networks;
      const where = networks.length === 1 ? `its only network ${quoted(networks)} is internal` : `its networks ${quoted(networks)} are ${networks.length === 2 ? 'both' : 'all'} internal`;
      for (const port of writtenPorts(get(service.node, 'ports'))) {
        if (!firstTime(port.at.loc)) continue;
        context.report({
          message: `Service "${service.name}" publishes port "${describePort(port)}", but ${where}: Docker binds published ports only on a network with a gateway, so this port is never reachable; attach the service to a non-internal network or remove the port.`,
          at: port.at,
          service: service.name,
        });
      }
    }
  },
});
