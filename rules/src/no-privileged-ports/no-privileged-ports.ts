import { defineRule, describePort, get, str, writtenPorts } from '@composure/core/rule-kit';
import { bindsPorts, hostPortRange } from '../published-ports.js';

/** Ports below this one are privileged: binding them takes root (CAP_NET_BIND_SERVICE) on the host. */
const FIRST_UNPRIVILEGED = 1024;

export const noPrivilegedPorts = defineRule({
  meta: {
    id: 'no-privileged-ports',
    description: 'Services should publish host ports from 1024 up: ports below 1024 are privileged on the host.',
    severity: 'info',
    category: 'security',
    oncePerPlace: true,
    peers: ['KICS Privileged Ports Mapped In Container'],
    messages: {
      privilegedPort:
        'Service "{{service}}" publishes privileged host port {{low}} ("{{port}}"): only root can bind a port below 1024, so it needs a rootful Docker daemon (rootless Docker cannot bind it without lowering net.ipv4.ip_unprivileged_port_start); publish a port from 1024 up unless the service must answer on this one.',
      privilegedRange:
        'Service "{{service}}" publishes host ports {{low}}-{{high}}, which include privileged ports ("{{port}}"): only root can bind a port below 1024, so it needs a rootful Docker daemon (rootless Docker cannot bind it without lowering net.ipv4.ip_unprivileged_port_start); publish a port from 1024 up unless the service must answer on this one.',
    },
  },
  check(context) {
    for (const service of context.topology.services.values()) {
      if (!bindsPorts(service, context.topology)) continue;
      for (const port of writtenPorts(get(service.node, 'ports'))) {
        // Host ports as Docker binds them; an ephemeral host port (none written) is always above 1024.
        const ranges = port.entries.map((e) => hostPortRange(str(get(e, 'published')))).filter((r) => r !== undefined);
        // Port 0 asks Docker for an ephemeral port.
        const privileged = ranges.filter((r) => r.low > 0 && r.low < FIRST_UNPRIVILEGED);
        if (privileged.length === 0) continue;
        const low = Math.min(...privileged.map((r) => r.low));
        const high = Math.max(...ranges.map((r) => r.high));
        context.report({
          ...(low === high
            ? { messageId: 'privilegedPort', data: { service: service.name, low, port: describePort(port) } }
            : { messageId: 'privilegedRange', data: { service: service.name, low, high, port: describePort(port) } }),
          at: port.at,
          service: service.name,
        });
      }
    }
  },
});
